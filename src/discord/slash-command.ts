import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction, StringSelectMenuInteraction } from 'discord.js';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { Access } from '../app/access.js';
import type { AppContext } from '../app/context.js';
import type { Workspace } from '../ports.js';

/** Everything a handler needs: the app, the guild's workspace and who is acting (already resolved). */
export interface CommandContext {
  app: AppContext;
  workspace: Workspace;
  access: Access;
}

export type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

/**
 * One slash command: its definition (deployed by a separate script) and its handlers.
 * Buttons, menus and modals it creates carry custom ids "<name>:<action>:<args…>" and come back to `component`.
 */
export interface SlashCommand {
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
  component?(interaction: ComponentInteraction, ctx: CommandContext, action: string, args: string[]): Promise<void>;
  /**
   * For buttons and forms the command puts in DMs (which carry no guild): the workspace they belong
   * to, found from the ids in the custom id. A command without it takes no DM interactions.
   */
  dmWorkspace?(app: AppContext, action: string, args: string[]): Promise<number | undefined>;
}
