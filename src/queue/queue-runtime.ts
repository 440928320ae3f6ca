import type { AppContext } from '../app/context.js';
import type { Logger } from '../logger.js';
import type { DeliveryScheduler, MessageSender, SendGate } from '../ports.js';
import type { JobDefinition } from './job-types.js';
import { BullmqDeliveryScheduler } from './bullmq-scheduler.js';
import { openRedisClient } from './connection.js';
import { openQueues, DEFAULT_QUEUE_PREFIX, type Queues } from './queues.js';
import type { RedisEndpoint } from './redis-endpoint.js';
import { onRedisBack } from './redis-recovery.js';
import { RedisSendGate } from './redis-send-gate.js';
import { DEFAULT_TUNING, startWorkers, type RunningWorkers, type WorkerTuning } from './workers.js';

export interface QueueRuntimeOptions {
  endpoint: RedisEndpoint;
  /** Namespaces every queue and rate-limit key; one per deployment (and per test file). */
  prefix?: string;
  app: AppContext;
  logger: Logger;
  /** The jobs workers run (jobs/index.ts, supplied by the composition root). */
  jobs: readonly JobDefinition[];
  /** The outbound sender on top of this deployment's send gate (src/discord, supplied by the composition root); needed to run workers. */
  makeSender?: (gate: SendGate) => MessageSender;
  /** Run job workers in this process (the bot by default; `npm run worker` always). */
  runWorkers: boolean;
  tuning?: WorkerTuning;
  requestsPerSecond?: number;
  /** Register the daily reconcile and ask for one now (the bot does; extra workers need not). */
  planOnStart?: boolean;
  /** Cron pattern of the daily reconcile, in the app's time zone. */
  dailyPattern?: string;
}

export interface QueueRuntime {
  queues: Queues;
  scheduler: DeliveryScheduler;
  gate: SendGate;
  sender: MessageSender | null;
  workers: RunningWorkers | null;
  close(): Promise<void>;
}

/** Queues, the shared send gate, the outbound sender and (optionally) workers: everything on Redis. */
export async function startQueueRuntime(options: QueueRuntimeOptions): Promise<QueueRuntime> {
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const queues = openQueues(options.endpoint, prefix, options.logger);
  const redis = openRedisClient(options.endpoint);
  redis.on('error', (error) => options.logger.warn({ err: error }, 'redis error (send gate)'));
  const gate = new RedisSendGate(redis, {
    prefix,
    ...(options.requestsPerSecond ? { requestsPerSecond: options.requestsPerSecond } : {}),
    onDoneError: (error) => options.logger.warn({ err: error }, 'send gate: could not mark a request done; it counts until it expires'),
  });
  const sender = options.makeSender?.(gate) ?? null;
  const scheduler = new BullmqDeliveryScheduler(queues, options.app.clock);
  const app: AppContext = { ...options.app, scheduler };
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  if (options.runWorkers && !sender) throw new Error('job workers need an outbound sender (makeSender)');
  const workers =
    options.runWorkers && sender
      ? startWorkers({
          endpoint: options.endpoint,
          prefix,
          jobs: options.jobs,
          deps: { app, sender, leaseMs: tuning.lockDurationMs },
          logger: options.logger,
          tuning,
        })
      : null;
  if (options.planOnStart ?? true) {
    const planRecurring = async () => {
      // Recurring work is a job scheduler (BullMQ v6: upsertJobScheduler, never add({ repeat })).
      // BullMQ types the scheduler id as a job name; the scheduler is named after the job it makes.
      await queues.maintenance.upsertJobScheduler(
        'reconcile-all',
        { pattern: options.dailyPattern ?? '5 0 * * *', tz: options.app.timeZone },
        { name: 'reconcile-all', data: {} },
      );
      await queues.maintenance.add('reconcile-all', {});
      // Leaders' summaries: the tick posts whatever the schedules owe by then (see jobs/summary-tick.ts).
      await queues.maintenance.upsertJobScheduler('summary-tick', { pattern: '*/5 * * * *', tz: options.app.timeZone }, { name: 'summary-tick', data: {} });
    };
    await planRecurring();
    // A Redis that comes back may have lost the schedulers and jobs: register again and rebuild from the ledger.
    onRedisBack(redis, planRecurring, options.logger);
  }
  return {
    queues,
    scheduler,
    gate,
    sender,
    workers,
    close: async () => {
      await workers?.close();
      await queues.close();
      redis.disconnect();
    },
  };
}
