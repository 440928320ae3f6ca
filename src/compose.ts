import type { Client } from 'discord.js';
import { slashCommands } from '../commands/index.js';
import { jobDefinitions } from '../jobs/index.js';
import type { AppContext } from './app/context.js';
import { createAppContext } from './app-context.js';
import { startBot } from './bot.js';
import type { ShardSetting } from './discord/client.js';
import type { InFlight } from './discord/in-flight.js';
import { DiscordSender } from './discord/outbound/discord-sender.js';
import { createGuildMembers } from './discord/guild-members.js';
import { createOutboundRest } from './discord/outbound/rest-client.js';
import type { Db } from './db/database.js';
import type { Logger } from './logger.js';
import { systemClock, type Clock } from './ports.js';
import { startQueueRuntime, type QueueRuntime } from './queue/queue-runtime.js';
import type { RedisEndpoint } from './queue/redis-endpoint.js';
import type { WorkerTuning } from './queue/workers.js';
import type { Shutdown } from './shutdown.js';
import { startLedgerServer, type LedgerListenOptions, type LedgerServer } from './web/ledger/ledger-server.js';

export interface ComposeOptions {
  db: Db;
  logger: Logger;
  /** Where what is started here is stopped (in reverse): queues, workers, the gateway. Needed with `redis` or `gateway`. */
  shutdown?: Shutdown;
  timeZone: string;
  clock?: Clock;
  /** The queues on this Redis; without it there is no queue (the ledger is still written, the next reconcile schedules it). */
  redis?: RedisEndpoint;
  /** Namespaces the queues and rate-limit keys (a deployment, a sandbox, a test file). */
  queuePrefix?: string;
  /** The shared send gate's pace (Discord's global limit by default). */
  requestsPerSecond?: number;
  /** Register the recurring jobs and plan every workspace now (the bot does; extra workers and tools do not). */
  planOnStart?: boolean;
  /** The bot's token and REST base: to send (workers) and, with `gateway`, to connect. */
  discord?: { token: string; apiBase: string | undefined; shards?: ShardSetting };
  /** Run the job workers in this process. */
  workers?: boolean;
  workerTuning?: WorkerTuning;
  /** Connect the gateway and route interactions and chat replies (the bot process). */
  gateway?: boolean;
  /** Serve the web ledger (督办台账) on its own listener; it reads members through Discord REST (needs `discord`). */
  ledger?: LedgerListenOptions;
}

export interface Composition {
  /** The use-cases' context, with the scheduler when there is a queue. */
  app: AppContext;
  queue: QueueRuntime | null;
  /** The gateway client, when `gateway` was asked for. */
  client: Client | null;
  /** The interactions and chat replies being handled, when there is a gateway. */
  inFlight: InFlight | null;
  /** The web ledger's listener, when `ledger` was asked for. */
  ledger: LedgerServer | null;
}

/**
 * The one composition root: the bot (`npm start`), a worker process (`npm run worker`), the sandbox,
 * the CLI, benchmarks and end-to-end tests all build duban here, choosing the parts they run. It is
 * the only module that knows the commands, the jobs, the Discord sender and the queue together.
 */
export async function compose<O extends ComposeOptions>(options: O): Promise<Composition & (O['gateway'] extends true ? { client: Client } : unknown)>;
export async function compose(options: ComposeOptions): Promise<Composition> {
  const base = createAppContext({ db: options.db, logger: options.logger, clock: options.clock ?? systemClock, timeZone: options.timeZone });
  const discord = options.discord;
  const { shutdown } = options;
  if (!shutdown && (options.redis || options.gateway)) throw new Error('a queue or a gateway needs a Shutdown to stop them');
  const queue = options.redis
    ? await startQueueRuntime({
        endpoint: options.redis,
        ...(options.queuePrefix ? { prefix: options.queuePrefix } : {}),
        app: base,
        logger: options.logger,
        jobs: jobDefinitions,
        ...(discord ? { makeSender: (gate) => new DiscordSender(createOutboundRest({ token: discord.token, apiBase: discord.apiBase, gate })) } : {}),
        runWorkers: options.workers ?? false,
        ...(options.workerTuning ? { tuning: options.workerTuning } : {}),
        ...(options.requestsPerSecond ? { requestsPerSecond: options.requestsPerSecond } : {}),
        planOnStart: options.planOnStart ?? false,
      })
    : null;
  // Added before the client, so shutdown (in reverse) disconnects the gateway first, then lets workers finish.
  if (queue) shutdown?.add('queue', () => queue.close());
  let ledger: LedgerServer | null = null;
  if (options.ledger) {
    if (!discord || !shutdown) throw new Error('the ledger reads members through Discord (discord) and needs a Shutdown');
    // The ledger only reads: the base context (no scheduler) is all it needs.
    const server = await startLedgerServer({ ...options.ledger, app: base, members: createGuildMembers(discord) });
    shutdown.add('ledger listener', () => server.close());
    ledger = server;
  }
  const app: AppContext = { ...base, ...(queue ? { scheduler: queue.scheduler } : {}), ...(ledger ? { ledgerLinks: ledger.links } : {}) };
  if (!options.gateway) return { app, queue, client: null, inFlight: null, ledger };
  if (!discord || !shutdown) throw new Error('the gateway needs the bot token (discord) and a Shutdown');
  const { client, inFlight } = await startBot({
    token: discord.token,
    apiBase: discord.apiBase,
    ...(discord.shards === undefined ? {} : { shards: discord.shards }),
    app,
    commands: slashCommands,
    logger: options.logger,
    shutdown,
    ...(queue ? { gate: queue.gate } : {}),
  });
  return { app, queue, client, inFlight, ledger };
}
