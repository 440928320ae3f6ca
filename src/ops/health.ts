import { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { redisOptions, type RedisEndpoint } from '../queue/redis-endpoint.js';

export type ComponentStatus = 'up' | 'down';

/** One gateway shard of the bot process, as the client sees it. */
export interface ShardHealth {
  id: number;
  status: ComponentStatus;
  /** The client's word for the shard's state: Ready, Connecting, Resuming, Reconnecting, Disconnected, … */
  state: string;
  /** The shard's heartbeat round trip in ms, when known. */
  latencyMs: number | null;
}

/** One job worker of the process (a queue it takes jobs from). */
export interface WorkerHealth {
  queue: string;
  status: ComponentStatus;
}

/** What /healthz asks: the database and Redis, and the bot's gateway shards or a worker process's job workers. */
export interface HealthProbe {
  /** The bot: every shard the process holds; none before the client has connected. */
  shards?(): ShardHealth[];
  /** A worker process: its job workers, up while they take jobs. */
  workers?(): WorkerHealth[];
  db: Db;
  redis: RedisEndpoint;
}

export interface ComponentHealth {
  status: ComponentStatus;
  latencyMs: number | null;
  error?: string;
}

/** Up when the process holds at least one shard and every one is ready; its latency is the slowest known shard's. */
export interface GatewayHealth extends ComponentHealth {
  shards: ShardHealth[];
}

export interface WorkersHealth extends ComponentHealth {
  workers: WorkerHealth[];
}

export interface HealthReport {
  status: ComponentStatus;
  checkedAt: string;
  /** gateway in the bot process, workers in a worker process. */
  checks: { gateway?: GatewayHealth; workers?: WorkersHealth; postgres: ComponentHealth; redis: ComponentHealth };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function timed(check: () => Promise<unknown>, timeoutMs: number): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    await withDeadline(check(), timeoutMs);
    return { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { status: 'down', latencyMs: null, error: (error as Error)?.message ?? String(error) };
  }
}

/** One PING on a fresh connection: no retries, no offline queue, so a dead Redis answers "down" at once. */
async function pingRedis(endpoint: RedisEndpoint, timeoutMs: number): Promise<void> {
  const client = new Redis(
    redisOptions(endpoint, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null }),
  );
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}

function gatewayHealth(shards: ShardHealth[]): GatewayHealth {
  const notReady = shards.filter((shard) => shard.status !== 'up');
  if (shards.length === 0) return { status: 'down', latencyMs: null, error: 'not connected', shards };
  if (notReady.length > 0) return { status: 'down', latencyMs: null, error: notReady.map((shard) => `shard ${shard.id} ${shard.state}`).join(', '), shards };
  const pings = shards.flatMap((shard) => (shard.latencyMs !== null && shard.latencyMs >= 0 ? [shard.latencyMs] : []));
  return { status: 'up', latencyMs: pings.length > 0 ? Math.max(...pings) : null, shards };
}

function workersHealth(workers: WorkerHealth[]): WorkersHealth {
  const stopped = workers.filter((w) => w.status !== 'up');
  if (workers.length === 0) return { status: 'down', latencyMs: null, error: 'no workers', workers };
  return stopped.length > 0
    ? { status: 'down', latencyMs: null, error: stopped.map((w) => `${w.queue} stopped`).join(', '), workers }
    : { status: 'up', latencyMs: null, workers };
}

/** Checks every part at once, each under the timeout; the whole is up only when every part is. */
export async function checkHealth(probe: HealthProbe, options: { timeoutMs?: number; now?: () => Date } = {}): Promise<HealthReport> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const gateway = probe.shards ? gatewayHealth(probe.shards()) : undefined;
  const workers = probe.workers ? workersHealth(probe.workers()) : undefined;
  const [postgres, redis] = await Promise.all([
    timed(() => sql`select 1`.execute(probe.db), timeoutMs),
    timed(() => pingRedis(probe.redis, timeoutMs), timeoutMs),
  ]);
  const all = [gateway, workers, postgres, redis].filter((c): c is ComponentHealth => c !== undefined);
  return {
    status: all.every((c) => c.status === 'up') ? 'up' : 'down',
    checkedAt: (options.now?.() ?? new Date()).toISOString(),
    checks: { ...(gateway ? { gateway } : {}), ...(workers ? { workers } : {}), postgres, redis },
  };
}
