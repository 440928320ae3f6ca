import { Client, GatewayIntentBits, Partials } from 'discord.js';
import { createGatedRequest } from './outbound/gated-request.js';
import type { SendGate } from './outbound/send-gate.js';

/**
 * The fewest intents that work: Guilds for guild, role and channel data. Interactions need no intent.
 * Reading progress replies adds the message intents (MessageContent is privileged: enable it in the
 * developer portal).
 */
export function createDiscordClient(options: { apiBase?: string | undefined; messageIntents?: boolean; gate?: SendGate }): Client {
  const intents = [GatewayIntentBits.Guilds];
  if (options.messageIntents) intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent);
  return new Client({
    intents,
    // A DM from someone the bot never wrote to arrives on an uncached channel: without this it is dropped.
    partials: [Partials.Channel],
    rest: {
      ...(options.apiBase ? { api: options.apiBase } : {}),
      // Everything this client sends outside interaction callbacks shares the deployment's rate limit.
      ...(options.gate ? { makeRequest: createGatedRequest(options.gate) } : {}),
    },
    allowedMentions: { parse: [], repliedUser: false },
  });
}
