import {
  ButtonStyle,
  ComponentType,
  InteractionType,
  type APIInteractionDataResolved,
  type APIMessageComponentInteraction,
  type APIMessageComponentInteractionData,
  type Locale,
} from 'discord-api-types/v10';
import { resolveRole, resolveUser } from '../interactions/command-options.js';
import { openInteraction } from '../interactions/interaction-context.js';
import type { InteractionHandle } from '../interactions/interaction-handle.js';
import type { StoredMessage } from '../world/records.js';
import { handleFor, type ActorDeps } from './actor-context.js';
import { findComponent, listCustomIds, type FoundComponent } from './find-component.js';

export interface ButtonClickInput {
  messageId: string;
  customId: string;
  userId: string;
  locale?: Locale;
}

export interface SelectInput extends ButtonClickInput {
  /** Option values for a string select; user, role or channel ids for the other selects. */
  values: string[];
}

/** A user presses a button on a message the bot sent. */
export function clickButton(deps: ActorDeps, input: ButtonClickInput): InteractionHandle {
  const { message, component } = locate(deps, input);
  if (component.type !== ComponentType.Button) throw new Error(`"${input.customId}" is not a button`);
  if (component.style === ButtonStyle.Link) throw new Error(`"${input.customId}" is a link button: it opens a URL, the bot is not told`);
  return dispatchComponent(deps, input, message, { custom_id: input.customId, component_type: ComponentType.Button });
}

/**
 * A button press whose custom id is not on the message: what a modified client, or a Discord fake less
 * strict than Discord, may send. Discord itself refuses it; tests use it to show the bot checks every
 * id it is handed. The message must exist and be visible to the user.
 */
export function forgeButton(deps: ActorDeps, input: ButtonClickInput): InteractionHandle {
  const message = deps.world.findMessage(input.messageId);
  if (!message) throw new Error(`no message ${input.messageId}`);
  if (message.visibleToUserId !== null && message.visibleToUserId !== input.userId) throw new Error(`message ${input.messageId} is ephemeral for another user`);
  return dispatchComponent(deps, input, message, { custom_id: input.customId, component_type: ComponentType.Button });
}

/** A user picks values in a select menu on a message the bot sent. */
export function selectMenu(deps: ActorDeps, input: SelectInput): InteractionHandle {
  const { message, component } = locate(deps, input);
  const min = component.min_values ?? 1;
  const max = component.max_values ?? 1;
  if (input.values.length < min || input.values.length > max) throw new Error(`"${input.customId}" takes ${min}–${max} values, got ${input.values.length}`);
  const channel = deps.world.requireChannel(message.api.channel_id);
  const context = { world: deps.world, guildId: channel.guildId };
  const resolved: APIInteractionDataResolved = {};
  const at = `select "${input.customId}"`;
  let data: APIMessageComponentInteractionData;
  switch (component.type) {
    case ComponentType.StringSelect: {
      const allowed = new Set((component.options ?? []).map((option) => option.value));
      const unknown = input.values.filter((value) => !allowed.has(value));
      if (unknown.length) throw new Error(`${at} has no option ${unknown.join(', ')}`);
      data = { custom_id: input.customId, component_type: ComponentType.StringSelect, values: input.values };
      break;
    }
    case ComponentType.UserSelect:
      for (const id of input.values) resolveUser(id, context, resolved, at);
      data = {
        custom_id: input.customId,
        component_type: ComponentType.UserSelect,
        values: input.values,
        resolved: { users: resolved.users ?? {}, ...(resolved.members ? { members: resolved.members } : {}) },
      };
      break;
    case ComponentType.RoleSelect:
      for (const id of input.values) resolveRole(id, context, resolved, at);
      data = { custom_id: input.customId, component_type: ComponentType.RoleSelect, values: input.values, resolved: { roles: resolved.roles ?? {} } };
      break;
    case ComponentType.MentionableSelect:
      for (const id of input.values) {
        if (deps.world.users.has(id)) resolveUser(id, context, resolved, at);
        else resolveRole(id, context, resolved, at);
      }
      data = { custom_id: input.customId, component_type: ComponentType.MentionableSelect, values: input.values, resolved };
      break;
    case ComponentType.ChannelSelect: {
      const channels: NonNullable<APIInteractionDataResolved['channels']> = {};
      for (const id of input.values) {
        const picked = deps.world.requireChannel(id);
        channels[id] = { id, name: picked.name ?? '', type: picked.type, permissions: '0' };
      }
      data = { custom_id: input.customId, component_type: ComponentType.ChannelSelect, values: input.values, resolved: { channels } };
      break;
    }
    default:
      throw new Error(`"${input.customId}" is not a select menu`);
  }
  return dispatchComponent(deps, input, message, data);
}

function locate(deps: ActorDeps, input: ButtonClickInput): { message: StoredMessage; component: FoundComponent } {
  const message = deps.world.findMessage(input.messageId);
  if (!message) throw new Error(`no message ${input.messageId}`);
  if (message.visibleToUserId !== null && message.visibleToUserId !== input.userId) throw new Error(`message ${input.messageId} is ephemeral for another user`);
  const component = findComponent(message.api, input.customId);
  if (!component) throw new Error(`message ${input.messageId} has no component "${input.customId}" (has: ${listCustomIds(message.api).join(', ') || 'none'})`);
  if (component.disabled) throw new Error(`"${input.customId}" is disabled`);
  return { message, component };
}

function dispatchComponent(deps: ActorDeps, input: ButtonClickInput, message: StoredMessage, data: APIMessageComponentInteractionData): InteractionHandle {
  const channel = deps.world.requireChannel(message.api.channel_id);
  const actor = { userId: input.userId, guildId: channel.guildId, channelId: channel.id, ...(input.locale ? { locale: input.locale } : {}) };
  const { envelope, record } = openInteraction(deps.world, deps.applicationId, actor, InteractionType.MessageComponent, {
    sourceMessageId: message.api.id,
    metadata: (base) => ({ ...base, type: InteractionType.MessageComponent, interacted_message_id: message.api.id }),
  });
  const payload = {
    ...envelope,
    type: InteractionType.MessageComponent,
    data,
    message: deps.world.snapshotMessage(message),
  } satisfies APIMessageComponentInteraction;
  deps.interactions.dispatch(record, payload);
  return handleFor(deps, record);
}
