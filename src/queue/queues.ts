import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Logger } from '../logger.js';
import type { QueueName } from './job-types.js';
import { bullmqConnection } from './connection.js';
import type { RedisEndpoint } from './redis-endpoint.js';

export const DEFAULT_QUEUE_PREFIX = 'duban';

/**
 * One retry policy for every job: exponential backoff with jitter, so a Discord outage is not met by
 * every worker retrying in step. Completed jobs are removed (the ledger is the record); failed ones
 * are kept a week for inspection.
 */
export const defaultJobOptions: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

export interface Queues {
  deliveries: Queue;
  maintenance: Queue;
  prefix: string;
  byName(name: QueueName): Queue;
  close(): Promise<void>;
}

export function openQueues(endpoint: RedisEndpoint, prefix: string, logger: Logger): Queues {
  const connection = bullmqConnection(endpoint);
  const open = (name: QueueName) => {
    const queue = new Queue(name, { connection, prefix, defaultJobOptions });
    // Without a listener an 'error' (Redis restarting) would crash the process.
    queue.on('error', (error) => logger.warn({ err: error, queue: name }, 'queue error'));
    return queue;
  };
  const deliveries = open('deliveries');
  const maintenance = open('maintenance');
  return {
    deliveries,
    maintenance,
    prefix,
    byName: (name) => (name === 'deliveries' ? deliveries : maintenance),
    close: async () => {
      await Promise.all([deliveries.close(), maintenance.close()]);
    },
  };
}
