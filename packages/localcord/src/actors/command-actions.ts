import {
  ApplicationCommandType,
  InteractionContextType,
  InteractionType,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type Locale,
} from 'discord-api-types/v10';
import { buildCommandOptions, type OptionInputs } from '../interactions/command-options.js';
import type { Actor } from '../interactions/interaction-context.js';
import { openInteraction } from '../interactions/interaction-context.js';
import type { InteractionHandle } from '../interactions/interaction-handle.js';
import { hasPermission } from '../world/permissions.js';
import { handleFor, resolvePlace, type ActorDeps, type PlaceInput } from './actor-context.js';

export interface SlashCommandInput extends PlaceInput {
  /** The command as the user types it: `'task'`, `'unit add'`, or `'group sub command'`. */
  name: string;
  /** Option values by name; a subcommand may also be given as `{ add: { name: '…' } }`. */
  options?: OptionInputs;
  locale?: Locale;
}

export interface AutocompleteInput extends SlashCommandInput {
  /** The option being typed; its value in `options` is what is typed so far. */
  focused: string;
}

/** A user runs a registered slash command: the bot receives INTERACTION_CREATE. */
export function runSlashCommand(deps: ActorDeps, input: SlashCommandInput): InteractionHandle {
  return dispatchCommand(deps, input, InteractionType.ApplicationCommand, undefined);
}

/** A user types into an autocomplete option: the bot receives an autocomplete interaction. */
export function runAutocomplete(deps: ActorDeps, input: AutocompleteInput): InteractionHandle {
  return dispatchCommand(deps, input, InteractionType.ApplicationCommandAutocomplete, input.focused);
}

function dispatchCommand(deps: ActorDeps, input: SlashCommandInput, type: InteractionType, focused: string | undefined): InteractionHandle {
  const actor: Actor = { ...resolvePlace(deps.world, input), ...(input.locale ? { locale: input.locale } : {}) };
  const [commandName = '', ...path] = input.name.trim().replace(/^\//, '').split(/\s+/);
  const command = deps.commands.findChatInput(commandName, actor.guildId);
  if (!command) {
    throw new Error(
      `/${commandName} is not registered ${actor.guildId ? 'globally or in this guild' : 'globally'}: register it first (the bot's deploy, or lc.registerCommands)`,
    );
  }
  assertUsable(deps, command, actor);
  const { options, resolved } = buildCommandOptions(
    command.options,
    path,
    input.options ?? {},
    {
      world: deps.world,
      attachments: deps.attachments,
      guildId: actor.guildId,
      ...(focused === undefined ? {} : { focused }),
    },
    `/${input.name.trim()}`,
  );
  const { envelope, record } = openInteraction(deps.world, deps.applicationId, actor, type);
  const data = {
    id: command.id,
    name: command.name,
    type: ApplicationCommandType.ChatInput as const,
    ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    ...(options.length ? { options } : {}),
    ...(resolved ? { resolved } : {}),
  };
  const payload =
    type === InteractionType.ApplicationCommand
      ? ({ ...envelope, type: InteractionType.ApplicationCommand, data } satisfies APIChatInputApplicationCommandInteraction)
      : // Autocomplete options have the same shape; only the focused flag differs.
        ({ ...envelope, type: InteractionType.ApplicationCommandAutocomplete, data } as APIApplicationCommandAutocompleteInteraction);
  deps.interactions.dispatch(record, payload);
  return handleFor(deps, record);
}

/** The checks Discord's client makes before it lets a user run a command. */
function assertUsable(deps: ActorDeps, command: APIApplicationCommand, actor: Actor): void {
  const context = actor.guildId === null ? InteractionContextType.BotDM : InteractionContextType.Guild;
  if (command.contexts && !command.contexts.includes(context)) throw new Error(`/${command.name} cannot be used in ${actor.guildId ? 'a guild' : 'DMs'}`);
  if (actor.guildId === null || command.default_member_permissions === null) return;
  const permissions = deps.world.memberPermissions(actor.guildId, actor.userId);
  const needed = BigInt(command.default_member_permissions);
  // "0" hides a command from everyone but administrators.
  const allowed = needed === 0n ? hasPermission(permissions, PermissionFlagsBits.Administrator) : hasPermission(permissions, needed);
  if (!allowed) {
    throw new Error(`/${command.name} is hidden from this user: default_member_permissions ${command.default_member_permissions}`);
  }
}
