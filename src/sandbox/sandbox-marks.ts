import { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { StartupError } from '../errors.js';
import { describeEndpoint, redisOptions, type RedisEndpoint } from '../queue/redis-endpoint.js';

/**
 * The sandbox marks what it creates — its database and its Redis — at creation, and production
 * processes (the bot, `npm run worker`) refuse to start on anything so marked: a sandbox's demo county
 * must never be mistaken for a real one, and a real bot must never take a sandbox's jobs.
 */

/** The queue prefix of every sandbox (in its own private redis-server); production refuses it by name. */
export const SANDBOX_QUEUE_PREFIX = 'duban-sandbox';

/** Set in a sandbox's Redis when the sandbox creates it, whatever prefix anyone later uses there. */
const REDIS_MARKER_KEY = 'duban-sandbox:created-at';

/** The start of the comment on the sandbox database's schema (a comment needs no table, so backups and migrations are unaffected). */
const DATABASE_MARK = 'duban sandbox';

export async function markSandboxDatabase(db: Db, now: Date = new Date()): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema ?? 'public';
  const text = `${DATABASE_MARK}: created by npm run sandbox at ${now.toISOString()}; demo data, never a county's`;
  // COMMENT takes no bind parameters: the text is a literal of our own making.
  await sql`comment on schema ${sql.id(schema)} is ${sql.lit(text)}`.execute(db);
}

/** The sandbox's mark on a database, or null when it has none. */
export async function readSandboxDatabaseMark(db: Db): Promise<string | null> {
  const { rows } = await sql<{
    comment: string | null;
  }>`select obj_description(oid, 'pg_namespace') as comment from pg_namespace where nspname = current_schema()`.execute(db);
  const comment = rows[0]?.comment ?? null;
  return comment?.startsWith(DATABASE_MARK) ? comment : null;
}

/** For production processes: stops start-up, before anything is migrated, on a database a sandbox created. */
export async function refuseSandboxDatabase(db: Db, location: string): Promise<void> {
  const mark = await readSandboxDatabaseMark(db);
  if (!mark) return;
  throw new StartupError(
    `The database at ${location} was created by the duban sandbox (${mark}). It holds the sandbox's demo county, so the bot and its workers refuse to run on it. Point DATABASE_URL (or DATA_DIR) at the county's own database; the sandbox keeps its data under DATA_DIR/sandbox.`,
  );
}

async function withClient<T>(endpoint: RedisEndpoint, fn: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(redisOptions(endpoint, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5_000, retryStrategy: () => null }));
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await fn(client);
  } finally {
    client.disconnect();
  }
}

export async function markSandboxRedis(endpoint: RedisEndpoint, now: Date = new Date()): Promise<void> {
  await withClient(endpoint, (client) => client.set(REDIS_MARKER_KEY, now.toISOString(), 'NX'));
}

/** For production processes: stops start-up on the sandbox's queue prefix, or on a Redis a sandbox created. */
export async function refuseSandboxQueue(endpoint: RedisEndpoint, prefix: string): Promise<void> {
  if (prefix === SANDBOX_QUEUE_PREFIX || prefix.startsWith(`${SANDBOX_QUEUE_PREFIX}-`)) {
    throw new StartupError(
      `The queue prefix "${prefix}" belongs to the duban sandbox: a bot or worker on it would take the sandbox's jobs. Use the default prefix (duban) or another of your own.`,
    );
  }
  let createdAt: string | null;
  try {
    createdAt = await withClient(endpoint, (client) => client.get(REDIS_MARKER_KEY));
  } catch (error) {
    throw new StartupError(`Cannot read Redis at ${describeEndpoint(endpoint)}: ${(error as Error).message}`);
  }
  if (createdAt) {
    throw new StartupError(
      `The Redis at ${describeEndpoint(endpoint)} was created by the duban sandbox (at ${createdAt}) and holds its queues, so the bot and its workers refuse to use it. Set REDIS_URL to the deployment's own Redis.`,
    );
  }
}
