import type { Config } from './config.js';
import { openStorage, type Storage } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { Logger } from './logger.js';
import { DEFAULT_QUEUE_PREFIX } from './queue/queues.js';
import { resolveRedis, type ResolvedRedis } from './queue/resolve-redis.js';
import { refuseSandboxDatabase, refuseSandboxQueue } from './sandbox/sandbox-marks.js';
import { describeEndpoint } from './queue/redis-endpoint.js';
import type { Shutdown } from './shutdown.js';

export interface Services {
  storage: Storage;
  redis: ResolvedRedis;
}

/**
 * The bot's storage (migrated to latest) and Redis, registering each with shutdown as it opens.
 * A database or Redis that a sandbox created is refused before anything is written to it.
 */
export async function openServices(config: Config, logger: Logger, shutdown: Shutdown, options: { queuePrefix?: string } = {}): Promise<Services> {
  const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  shutdown.add('storage', () => storage.close());
  await refuseSandboxDatabase(storage.db, storage.location);
  const applied = await migrateToLatest(storage.db);
  logger.info({ storage: storage.kind, location: storage.location, applied }, 'storage ready');

  const redis = await resolveRedis({ redisUrl: config.redisUrl ?? '', redisUrlIsDefault: config.redisUrlIsDefault, dataDir: config.dataDir }, logger);
  shutdown.add('redis', () => redis.close());
  await refuseSandboxQueue(redis.endpoint, options.queuePrefix ?? DEFAULT_QUEUE_PREFIX);
  logger.info({ redis: describeEndpoint(redis.endpoint), private: redis.private }, 'redis ready');
  return { storage, redis };
}
