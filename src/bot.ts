import { Events, type Client } from 'discord.js';
import type { AppContext } from './app/context.js';
import { createDiscordClient } from './discord/client.js';
import { createInteractionRouter } from './discord/interaction-router.js';
import type { SlashCommand } from './discord/slash-command.js';
import type { Logger } from './logger.js';
import type { Shutdown } from './shutdown.js';

export interface BotOptions {
  token: string;
  apiBase: string | undefined;
  app: AppContext;
  commands: readonly SlashCommand[];
  logger: Logger;
  shutdown: Shutdown;
}

/** Connects the gateway and routes interactions; resolves once the client is ready. */
export async function startBot(options: BotOptions): Promise<Client> {
  const client = createDiscordClient({ apiBase: options.apiBase });
  const route = createInteractionRouter(options.commands, options.app);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  // Listeners go on before login: clientReady can fire before login() resolves.
  client.on(Events.InteractionCreate, (interaction) => void route(interaction));
  client.on(Events.Error, (error) => options.logger.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => options.logger.warn({ message }, 'discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) => options.logger.warn({ code: event.code, shard }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard) => options.logger.info({ shard }, 'gateway resumed'));
  options.shutdown.add('discord', () => client.destroy());
  await client.login(options.token);
  await ready;
  options.logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord ready');
  return client;
}
