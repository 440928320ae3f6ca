import {
  ApplicationCommandOptionType,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandInteractionDataSubcommandOption,
  type APIApplicationCommandOption,
  type APIInteractionDataResolved,
  type InteractionType,
} from 'discord-api-types/v10';
import type { AttachmentStore } from '../world/attachments.js';
import { serializePartialMember, serializeRole, serializeUser } from '../world/serialize.js';
import type { World } from '../world/world.js';

/** A file the user attaches: to an attachment option, a modal file upload or a message. */
export interface AttachmentInput {
  filename: string;
  bytes: Uint8Array | string;
  contentType?: string;
}

/** What the user typed: option name → value; a subcommand or group name → its own options. */
export interface OptionInputs {
  [name: string]: OptionInput | undefined;
}

export type OptionInput = string | number | boolean | AttachmentInput | OptionInputs;

export interface OptionContext {
  world: World;
  attachments: AttachmentStore;
  guildId: string | null;
  /** For autocomplete: the option being typed (sent as a string with `focused: true`); other rules relax. */
  focused?: string;
}

type DataOption = APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>;

export function isAttachmentInput(value: unknown): value is AttachmentInput {
  return typeof value === 'object' && value !== null && 'filename' in value && 'bytes' in value;
}

export function toBuffer(bytes: Uint8Array | string): Buffer {
  return typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
}

/**
 * Turns the user's input into the `options` and `resolved` Discord sends, checked against the
 * registered definition the way Discord's client checks it (unknown options, required options,
 * choices, lengths, ranges, channel types). `path` holds subcommand names from `name: 'unit add'`.
 */
export function buildCommandOptions(
  definitions: readonly APIApplicationCommandOption[] | undefined,
  path: readonly string[],
  values: OptionInputs,
  context: OptionContext,
  where: string,
): { options: DataOption[]; resolved: APIInteractionDataResolved | undefined } {
  const resolved: APIInteractionDataResolved = {};
  const options = buildLevel(definitions ?? [], path, values, context, resolved, where);
  return { options, resolved: Object.keys(resolved).length > 0 ? resolved : undefined };
}

function buildLevel(
  definitions: readonly APIApplicationCommandOption[],
  path: readonly string[],
  values: OptionInputs,
  context: OptionContext,
  resolved: APIInteractionDataResolved,
  where: string,
): DataOption[] {
  const nested = definitions.filter(
    (definition) => definition.type === ApplicationCommandOptionType.Subcommand || definition.type === ApplicationCommandOptionType.SubcommandGroup,
  );
  if (nested.length > 0) {
    let name = path[0];
    let inner = values;
    if (name === undefined) {
      const chosen = Object.keys(values).filter((key) => nested.some((definition) => definition.name === key));
      if (chosen.length !== 1 || chosen[0] === undefined)
        throw new Error(`${where} needs exactly one of: ${nested.map((definition) => definition.name).join(', ')}`);
      name = chosen[0];
      const value = values[name];
      inner = typeof value === 'object' && !isAttachmentInput(value) ? value : {};
    }
    const definition = nested.find((candidate) => candidate.name === name);
    if (!definition) throw new Error(`${where} has no subcommand "${name}" (has: ${nested.map((candidate) => candidate.name).join(', ')})`);
    const children = buildLevel(definition.options ?? [], path.slice(1), inner, context, resolved, `${where} ${name}`);
    if (definition.type === ApplicationCommandOptionType.SubcommandGroup) {
      return [
        {
          type: ApplicationCommandOptionType.SubcommandGroup,
          name: definition.name,
          options: children as APIApplicationCommandInteractionDataSubcommandOption[],
        },
      ];
    }
    return [{ type: ApplicationCommandOptionType.Subcommand, name: definition.name, options: children as APIApplicationCommandInteractionDataBasicOption[] }];
  }
  if (path.length > 0) throw new Error(`${where} has no subcommand "${path.join(' ')}"`);
  for (const key of Object.keys(values)) {
    if (!definitions.some((definition) => definition.name === key)) {
      throw new Error(`${where} has no option "${key}" (has: ${definitions.map((definition) => definition.name).join(', ') || 'none'})`);
    }
  }
  const result: DataOption[] = [];
  for (const definition of definitions) {
    const value = values[definition.name];
    if (value === undefined) {
      if (context.focused === undefined && 'required' in definition && definition.required)
        throw new Error(`${where}: option "${definition.name}" is required`);
      continue;
    }
    result.push(buildBasicOption(definition, value, context, resolved, where));
  }
  return result;
}

function buildBasicOption(
  definition: APIApplicationCommandOption,
  value: OptionInput,
  context: OptionContext,
  resolved: APIInteractionDataResolved,
  where: string,
): APIApplicationCommandInteractionDataBasicOption {
  const at = `${where}: option "${definition.name}"`;
  const name = definition.name;
  if (context.focused === name) {
    if (!('autocomplete' in definition) || !definition.autocomplete) throw new Error(`${at} has no autocomplete`);
    // Discord sends what is typed so far as a string, whatever the option's type.
    return { type: ApplicationCommandOptionType.String, name, value: String(value), focused: true };
  }
  const relaxed = context.focused !== undefined;
  switch (definition.type) {
    case ApplicationCommandOptionType.String: {
      if (typeof value !== 'string') throw new Error(`${at} takes a string`);
      if (!relaxed) checkChoice(definition.choices, value, at);
      if (!relaxed && definition.min_length !== undefined && value.length < definition.min_length)
        throw new Error(`${at} needs at least ${definition.min_length} characters`);
      if (definition.max_length !== undefined && value.length > definition.max_length)
        throw new Error(`${at} takes at most ${definition.max_length} characters`);
      if (value.length > 6000) throw new Error(`${at} takes at most 6000 characters`);
      return { type: definition.type, name, value };
    }
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${at} takes a number`);
      if (definition.type === ApplicationCommandOptionType.Integer && !Number.isInteger(value)) throw new Error(`${at} takes an integer`);
      if (!relaxed) checkChoice(definition.choices, value, at);
      if (definition.min_value !== undefined && value < definition.min_value) throw new Error(`${at} must be at least ${definition.min_value}`);
      if (definition.max_value !== undefined && value > definition.max_value) throw new Error(`${at} must be at most ${definition.max_value}`);
      return definition.type === ApplicationCommandOptionType.Integer ? { type: definition.type, name, value } : { type: definition.type, name, value };
    }
    case ApplicationCommandOptionType.Boolean:
      if (typeof value !== 'boolean') throw new Error(`${at} takes true or false`);
      return { type: definition.type, name, value };
    case ApplicationCommandOptionType.User:
      resolveUser(String(value), context, resolved, at);
      return { type: definition.type, name, value: String(value) };
    case ApplicationCommandOptionType.Role:
      resolveRole(String(value), context, resolved, at);
      return { type: definition.type, name, value: String(value) };
    case ApplicationCommandOptionType.Mentionable: {
      const id = String(value);
      if (context.world.users.has(id)) resolveUser(id, context, resolved, at);
      else resolveRole(id, context, resolved, at);
      return { type: definition.type, name, value: id };
    }
    case ApplicationCommandOptionType.Channel: {
      const channel = context.world.channels.get(String(value));
      if (!channel || (channel.guildId !== context.guildId && channel.recipientId === null)) throw new Error(`${at}: no such channel here`);
      if (definition.channel_types && !(definition.channel_types as readonly number[]).includes(channel.type))
        throw new Error(`${at} does not accept channel type ${channel.type}`);
      const permissions = context.guildId === null ? '0' : context.world.memberPermissions(context.guildId, context.world.botUser.id).toString();
      (resolved.channels ??= {})[channel.id] = { id: channel.id, name: channel.name ?? '', type: channel.type, permissions };
      return { type: definition.type, name, value: channel.id };
    }
    case ApplicationCommandOptionType.Attachment: {
      if (!isAttachmentInput(value)) throw new Error(`${at} takes a file: { filename, bytes, contentType? }`);
      const stored = context.attachments.put('ephemeral', {
        filename: value.filename,
        bytes: toBuffer(value.bytes),
        contentType: value.contentType ?? 'application/octet-stream',
      });
      (resolved.attachments ??= {})[stored.id] = context.attachments.toApi(stored, { ephemeral: true });
      return { type: definition.type, name, value: stored.id };
    }
    default:
      throw new Error(`${at} is a subcommand, not a value`);
  }
}

function checkChoice(choices: readonly { value: string | number }[] | undefined, value: string | number, at: string): void {
  if (choices?.length && !choices.some((choice) => choice.value === value)) {
    throw new Error(`${at} must be one of: ${choices.map((choice) => String(choice.value)).join(', ')}`);
  }
}

/** Adds a user to `resolved.users`, and to `resolved.members` when they are in the guild (discord.js needs both). */
export function resolveUser(id: string, context: Pick<OptionContext, 'world' | 'guildId'>, resolved: APIInteractionDataResolved, at: string): void {
  const user = context.world.users.get(id);
  if (!user) throw new Error(`${at}: no user ${id}`);
  (resolved.users ??= {})[id] = serializeUser(user);
  const member = context.guildId === null ? undefined : context.world.guilds.get(context.guildId)?.members.get(id);
  if (member && context.guildId !== null) {
    const { deaf: _deaf, mute: _mute, ...partial } = serializePartialMember(member);
    (resolved.members ??= {})[id] = { ...partial, permissions: context.world.memberPermissions(context.guildId, id).toString() };
  }
}

export function resolveRole(id: string, context: Pick<OptionContext, 'world' | 'guildId'>, resolved: APIInteractionDataResolved, at: string): void {
  const role = context.guildId === null ? undefined : context.world.guilds.get(context.guildId)?.roles.get(id);
  if (!role) throw new Error(`${at}: no role ${id} in this guild`);
  (resolved.roles ??= {})[id] = serializeRole(role);
}
