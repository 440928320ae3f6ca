import type { Client } from 'discord.js';
import { slashCommands } from '../commands/index.js';
import type { AppContext } from './app/context.js';
import { startBot } from './bot.js';
import type { Db } from './db/database.js';
import type { Logger } from './logger.js';
import { systemClock, type Clock } from './ports.js';
import type { RedisEndpoint } from './queue/redis-endpoint.js';
import type { Shutdown } from './shutdown.js';

export interface RuntimeOptions {
  db: Db;
  /** Where the queues live; absent only in tests that need no queue. */
  redis?: RedisEndpoint;
  logger: Logger;
  shutdown: Shutdown;
  discord: { token: string; apiBase: string | undefined };
  clock?: Clock;
  timeZone: string;
}

export interface Runtime {
  app: AppContext;
  client: Client;
}

/**
 * Everything the bot process runs, composed once: used by `npm start` against Discord,
 * by the sandbox against the local server, and by end-to-end tests.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const app: AppContext = { db: options.db, logger: options.logger, clock: options.clock ?? systemClock, timeZone: options.timeZone };
  const client = await startBot({ token: options.discord.token, apiBase: options.discord.apiBase, app, commands: slashCommands, logger: options.logger, shutdown: options.shutdown });
  return { app, client };
}
