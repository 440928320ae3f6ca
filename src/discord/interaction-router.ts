import type { Interaction } from 'discord.js';
import { resolveAccess, resolveGuildAccess } from '../app/access.js';
import type { AppContext } from '../app/context.js';
import { UserError } from '../errors.js';
import { actorFromInteraction } from './actor.js';
import { withErrorBoundary, type BoundaryHooks } from './error-boundary.js';
import { respondPrivately } from './respond.js';
import type { CommandContext, SlashCommand } from './slash-command.js';

function nameOf(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return interaction.commandName;
  if (interaction.isMessageComponent() || interaction.isModalSubmit()) return interaction.customId.split(':')[0] ?? '';
  return '';
}

/** A button, menu or form the bot no longer knows what to do with (an old message, a changed version). */
export const staleInteraction = () => new UserError('stale_interaction', '这个按钮或表单已失效(可能来自较早的消息),请重新执行相应的命令。');

const guildOnly = () => new UserError('guild_only', '请在服务器的频道中使用督办命令,私信中无法使用。');

/** Repliable and not answered yet (a modal shown counts as an answer). */
export function isUnanswered(interaction: Interaction): boolean {
  return interaction.isRepliable() && !interaction.replied && !interaction.deferred;
}

/** Who acts in which workspace: a guild's, or for a DM button the one its custom id names (with direct bindings only: roles are a guild's). */
async function buildContext(app: AppContext, command: SlashCommand, interaction: Interaction, action: string, args: string[]): Promise<CommandContext> {
  const guildId = interaction.guildId;
  if (guildId !== null) {
    const { workspace, access } = await resolveGuildAccess(
      app.store,
      { id: guildId, name: interaction.guild?.name ?? guildId },
      actorFromInteraction(interaction),
    );
    return { app, workspace, access };
  }
  const fromDm = (interaction.isMessageComponent() || interaction.isModalSubmit()) && command.dmWorkspace;
  const workspaceId = fromDm ? await command.dmWorkspace?.(app, action, args) : undefined;
  const workspace = workspaceId === undefined ? undefined : await app.store.workspaces.findById(workspaceId);
  if (!workspace) throw guildOnly();
  return { app, workspace, access: await resolveAccess(app.store, workspace, { userId: interaction.user.id, roleIds: [], isAdmin: false }) };
}

/**
 * Every interaction, in a guild or in a DM, through the one error boundary: the command it belongs to
 * runs it with the workspace and the person's access resolved; every interaction is answered.
 */
export function createInteractionRouter(commands: readonly SlashCommand[], app: AppContext, hooks: BoundaryHooks = {}) {
  const byName = new Map(commands.map((c) => [c.definition.name, c]));

  return async function handleInteraction(interaction: Interaction): Promise<void> {
    const name = nameOf(interaction);
    const command = byName.get(name);
    const log = app.logger.child({
      command: name,
      user: interaction.user.id,
      guild: interaction.guildId,
      dm: interaction.guildId === null,
      interaction: interaction.id,
    });
    const answer = async (message: string) => {
      if (interaction.isAutocomplete()) await interaction.respond([]);
      else if (interaction.isRepliable()) await respondPrivately(interaction, message);
    };
    await withErrorBoundary({ name, log, hooks, answer }, async () => {
      // A button of a command this version does not have (an old message) is out of date, not ignored.
      if (!command) throw interaction.guildId === null && !interaction.isMessageComponent() && !interaction.isModalSubmit() ? guildOnly() : staleInteraction();
      const [, action = '', ...args] = interaction.isMessageComponent() || interaction.isModalSubmit() ? interaction.customId.split(':') : [];
      const ctx = await buildContext(app, command, interaction, action, args);
      if (interaction.isChatInputCommand()) await command.execute(interaction, ctx);
      else if (interaction.isAutocomplete()) await command.autocomplete?.(interaction, ctx);
      else if (interaction.isButton() || interaction.isStringSelectMenu() || interaction.isModalSubmit())
        await command.component?.(interaction, ctx, action, args);
      // Every interaction gets an answer: one a handler did not recognise is told it is out of date.
      if (isUnanswered(interaction)) throw staleInteraction();
    });
  };
}
