import { Client, GatewayIntentBits, Partials } from 'discord.js';

/**
 * The fewest intents that work: Guilds for guild, role and channel data. Interactions need no intent.
 * (Reading progress replies adds message intents when that feature is on.)
 */
export function createDiscordClient(options: { apiBase?: string | undefined; messageIntents?: boolean }): Client {
  const intents = [GatewayIntentBits.Guilds];
  if (options.messageIntents) intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent);
  return new Client({
    intents,
    // A DM from someone the bot never wrote to arrives on an uncached channel: without this it is dropped.
    partials: [Partials.Channel],
    rest: options.apiBase ? { api: options.apiBase } : {},
    allowedMentions: { parse: [], repliedUser: false },
  });
}
