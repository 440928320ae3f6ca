import { Client, GatewayIntentBits, Partials } from 'discord.js';
import { createGatedRequest } from './outbound/gated-request.js';
import type { SendGate } from '../ports.js';

/** Gateway shards to connect: 'auto' takes the count GET /gateway/bot recommends. */
export type ShardSetting = 'auto' | number;

/**
 * The fewest intents that work: Guilds for guild, role and channel data. Interactions need no intent.
 * Reading progress replies adds the message intents (MessageContent is privileged: enable it in the
 * developer portal).
 */
export function createDiscordClient(options: { apiBase?: string | undefined; messageIntents?: boolean; gate?: SendGate; shards?: ShardSetting }): Client {
  const intents = [GatewayIntentBits.Guilds];
  if (options.messageIntents) intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent);
  const shards = options.shards ?? 'auto';
  return new Client({
    intents,
    // Every shard runs in this process (discord.js's internal sharding through @discordjs/ws): shard ids 0 … count - 1.
    ...(shards === 'auto' ? { shards: 'auto' } : { shardCount: shards }),
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
