import type { Client } from 'discord.js';
import { slashCommands } from '../commands/index.js';
import type { AppContext } from './app/context.js';
import { createAppContext } from './app-context.js';
import { startBot } from './bot.js';
import type { ShardSetting } from './discord/client.js';
import type { Db } from './db/database.js';
import type { Logger } from './logger.js';
import { systemClock, type Clock } from './ports.js';
import { startQueueRuntime, type QueueRuntime } from './queue/queue-runtime.js';
import type { RedisEndpoint } from './queue/redis-endpoint.js';
import type { WorkerTuning } from './queue/workers.js';
import type { Shutdown } from './shutdown.js';

export interface RuntimeOptions {
  db: Db;
  /** Where the queues live; absent only in tests that need no queue. */
  redis?: RedisEndpoint;
  logger: Logger;
  shutdown: Shutdown;
  /** `shards`: the gateway shards this process connects (config DISCORD_SHARDS; 'auto' when left out). */
  discord: { token: string; apiBase: string | undefined; shards?: ShardSetting };
  clock?: Clock;
  timeZone: string;
  /** Run the job workers inside the bot process (config WORKERS_IN_PROCESS, true by default). */
  workersInProcess?: boolean;
  /** Namespaces the queues and rate-limit keys (a test file, a second deployment on one Redis). */
  queuePrefix?: string;
  workerTuning?: WorkerTuning;
  /** The shared send gate's pace (Discord's global limit by default). */
  requestsPerSecond?: number;
}

export interface Runtime {
  app: AppContext;
  client: Client;
  queue: QueueRuntime | null;
}

/**
 * Everything the bot process runs, composed once: used by `npm start` against Discord,
 * by the sandbox against the local server, and by end-to-end tests.
 */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const base = createAppContext({ db: options.db, logger: options.logger, clock: options.clock ?? systemClock, timeZone: options.timeZone });
  const queue = options.redis
    ? await startQueueRuntime({
        endpoint: options.redis,
        ...(options.queuePrefix ? { prefix: options.queuePrefix } : {}),
        app: base,
        discord: options.discord,
        logger: options.logger,
        runWorkers: options.workersInProcess ?? true,
        ...(options.workerTuning ? { tuning: options.workerTuning } : {}),
        ...(options.requestsPerSecond ? { requestsPerSecond: options.requestsPerSecond } : {}),
      })
    : null;
  // Added before the client, so shutdown (in reverse) disconnects the gateway first, then lets workers finish.
  if (queue) options.shutdown.add('queue', () => queue.close());
  const app: AppContext = queue ? { ...base, scheduler: queue.scheduler } : base;
  const client = await startBot({
    token: options.discord.token,
    apiBase: options.discord.apiBase,
    ...(options.discord.shards === undefined ? {} : { shards: options.discord.shards }),
    app,
    commands: slashCommands,
    logger: options.logger,
    shutdown: options.shutdown,
    ...(queue ? { gate: queue.gate } : {}),
  });
  return { app, client, queue };
}
