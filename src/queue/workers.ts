import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from '../logger.js';
import { LeaseBusyError } from '../app/reminders/deliver-once.js';
import { SummaryBusyError } from '../app/summary/post-summary.js';
import { SummaryLeaseLostError } from '../app/summary/summary-ledger.js';
import { bullmqConnection } from './connection.js';
import type { JobContext, JobDefinition, JobDeps, QueueName } from './job-types.js';
import type { RedisEndpoint } from './redis-endpoint.js';

export interface WorkerTuning {
  /** Deliveries in flight per process; the send gate, not this, sets the pace. */
  deliveryConcurrency?: number;
  /**
   * How long a job's lock lasts without renewal. A worker that dies is noticed after this (plus the
   * stalled-check interval), and its job runs again elsewhere; the delivery lease is the same length.
   */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export const DEFAULT_TUNING = { deliveryConcurrency: 16, lockDurationMs: 15_000, stalledIntervalMs: 5_000 } as const;

export interface RunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

function contextOf(job: Job, token: string | undefined): JobContext {
  const attempts = job.opts.attempts ?? 1;
  return {
    id: job.id ?? '',
    attemptsMade: job.attemptsMade,
    finalAttempt: job.attemptsMade + 1 >= attempts,
    async delayUntil(at) {
      await job.moveToDelayed(at.getTime(), token);
      throw new DelayedError();
    },
  };
}

/**
 * Workers for both queues in this process. Payloads are checked with each job's zod schema; one that
 * does not parse can never succeed, so it fails at once (UnrecoverableError) instead of retrying.
 */
export function startWorkers(options: {
  endpoint: RedisEndpoint;
  prefix: string;
  jobs: readonly JobDefinition[];
  deps: JobDeps;
  logger: Logger;
  tuning?: WorkerTuning;
}): RunningWorkers {
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  const byName = new Map(options.jobs.map((definition) => [definition.name, definition]));
  const connection = bullmqConnection(options.endpoint);
  const log = options.logger.child({ component: 'worker' });

  const processor = async (job: Job, token?: string) => {
    const definition = byName.get(job.name);
    if (!definition) throw new UnrecoverableError(`unknown job ${job.name}`);
    const parsed = definition.schema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad payload for ${job.name}: ${parsed.error.message}`);
    return definition.process(options.deps, parsed.data, contextOf(job, token));
  };

  const open = (queue: QueueName, concurrency: number) => {
    const worker = new Worker(queue, processor, {
      connection,
      prefix: options.prefix,
      concurrency,
      lockDuration: tuning.lockDurationMs,
      stalledInterval: tuning.stalledIntervalMs,
      // A crash mid-delivery is recovered by the ledger; let a job survive a few of them.
      maxStalledCount: 3,
    });
    worker.on('error', (error) => log.warn({ err: error, queue }, 'worker error'));
    worker.on('failed', (job, error) => {
      if (!job) return;
      // Another worker has the row: expected under retries and takeovers, not worth a warning.
      const level = error instanceof LeaseBusyError || error instanceof SummaryBusyError || error instanceof SummaryLeaseLostError ? 'debug' : 'warn';
      log[level]({ err: error, queue, job: job.name, jobId: job.id, attemptsMade: job.attemptsMade }, 'job failed');
      void settleGaveUp(job, error, byName.get(job.name), options.deps, log);
    });
    return worker;
  };

  const workers = [open('deliveries', tuning.deliveryConcurrency), open('maintenance', 1)];
  return {
    workers,
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}

/** When the queue has given up on a job for good, let the job settle its ledger row (it then shows in the failed list). */
async function settleGaveUp(job: Job, error: Error, definition: JobDefinition | undefined, deps: JobDeps, log: Logger): Promise<void> {
  if (!definition?.onGaveUp) return;
  try {
    if (!(await job.isFailed())) return; // going to be retried
    const parsed = definition.schema.safeParse(job.data);
    if (parsed.success) await definition.onGaveUp(deps, parsed.data, error);
  } catch (settleError) {
    log.error({ err: settleError, jobId: job.id }, 'could not settle a failed job');
  }
}
