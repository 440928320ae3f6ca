import { GatewayDispatchEvents, GatewayIntentBits, type GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import type { Dispatch, DispatchEvent } from '../world/dispatch.js';

export function hasIntent(intents: number, intent: GatewayIntentBits | null): boolean {
  return intent === null || (intents & intent) === intent;
}

/**
 * What one session receives of a dispatch: nothing when it lacks the intent, and for message
 * events without MessageContent the message with content, embeds, attachments and components
 * emptied — unless it is a DM, the bot's own message, or mentions the bot (Discord's exceptions).
 */
export function eventForSession(dispatch: Dispatch, intents: number, botUserId: string): DispatchEvent | null {
  if (!hasIntent(intents, dispatch.intent)) return null;
  const { event } = dispatch;
  if (!dispatch.contentGated || hasIntent(intents, GatewayIntentBits.MessageContent)) return event;
  if (event.t !== GatewayDispatchEvents.MessageCreate && event.t !== GatewayDispatchEvents.MessageUpdate) return event;
  const message = event.d;
  if (!needsStripping(message, botUserId)) return event;
  const stripped = { ...message, content: '', embeds: [], attachments: [], components: [] };
  return event.t === GatewayDispatchEvents.MessageCreate ? { t: event.t, d: stripped } : { t: event.t, d: stripped };
}

function needsStripping(message: Pick<GatewayMessageCreateDispatchData, 'guild_id' | 'author' | 'mentions'>, botUserId: string): boolean {
  if (message.guild_id === undefined) return false;
  if (message.author.id === botUserId) return false;
  return !message.mentions.some((user) => user.id === botUserId);
}
