import { Queue, type DefaultJobOptions } from 'bullmq';
import type { Logger } from '../logger.js';
import type { DeliveryJobPayloads, MaintenanceJobPayloads, QueueName } from './job-types.js';
import { bullmqProducerConnection } from './connection.js';
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

export type DeliveryQueue = Queue<DeliveryJobPayloads[keyof DeliveryJobPayloads], unknown, keyof DeliveryJobPayloads>;
export type MaintenanceQueue = Queue<MaintenanceJobPayloads[keyof MaintenanceJobPayloads], unknown, keyof MaintenanceJobPayloads>;

export interface Queues {
  deliveries: DeliveryQueue;
  maintenance: MaintenanceQueue;
  prefix: string;
  close(): Promise<void>;
}

export function openQueues(endpoint: RedisEndpoint, prefix: string, logger: Logger): Queues {
  const connection = bullmqProducerConnection(endpoint);
  const watch = <Q extends Queue>(queue: Q, name: QueueName): Q => {
    // Without a listener an 'error' (Redis restarting) would crash the process.
    queue.on('error', (error) => logger.warn({ err: error, queue: name }, 'queue error'));
    return queue;
  };
  const deliveries: DeliveryQueue = watch(new Queue('deliveries', { connection, prefix, defaultJobOptions }), 'deliveries');
  const maintenance: MaintenanceQueue = watch(new Queue('maintenance', { connection, prefix, defaultJobOptions }), 'maintenance');
  return {
    deliveries,
    maintenance,
    prefix,
    close: async () => {
      await Promise.all([deliveries.close(), maintenance.close()]);
    },
  };
}
