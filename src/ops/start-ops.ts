import { Status, type Client } from 'discord.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { RedisEndpoint } from '../queue/redis-endpoint.js';
import type { Shutdown } from '../shutdown.js';
import type { QueueRuntime } from '../queue/queue-runtime.js';
import type { HealthProbe, ShardHealth } from './health.js';
import { opsMetrics } from './metrics.js';
import { startOpsServer, type OpsServer } from './ops-server.js';
import { bullmqQueueCollector, observeWorker } from './queue-metrics.js';

/** Each shard the client holds, read per shard: the client's own status says "ready" for good once every shard was ready once. */
function clientShards(client: Client | null): ShardHealth[] {
  if (!client) return [];
  return [...client.ws.shards.values()]
    .sort((a, b) => a.id - b.id)
    .map((shard) => ({
      id: shard.id,
      status: shard.status === Status.Ready ? 'up' : 'down',
      state: Status[shard.status] ?? String(shard.status),
      latencyMs: shard.ping >= 0 ? shard.ping : null,
    }));
}

export interface BotOps {
  /** Null when OPS_PORT is unset. */
  server: OpsServer | null;
  /** Lets /healthz see the gateway once the client exists (until then it reports the gateway down). */
  attachClient(client: Client): void;
  /** Puts the queues on the dashboard and in /metrics (depths, and job times of this process's workers). */
  attachQueues(queue: QueueRuntime): void;
}

interface OpsDeps {
  db: Db;
  redis: RedisEndpoint;
  logger: Logger;
  shutdown: Shutdown;
}

/** The listener of one process (null when OPS_PORT is unset), closed by shutdown; the probe says what this process is made of. */
async function startOps(config: Config, deps: OpsDeps, probe: Pick<HealthProbe, 'shards' | 'workers'>) {
  if (config.opsPort === undefined) return null;
  const server = await startOpsServer({
    port: config.opsPort,
    password: config.opsPassword,
    allowedHosts: config.opsAllowedHosts,
    logger: deps.logger,
    probe: { ...probe, db: deps.db, redis: deps.redis },
  });
  deps.shutdown.add('ops listener', () => server.close());
  const attachQueues = (queue: QueueRuntime) => {
    const queues = [queue.queues.deliveries, queue.queues.maintenance];
    server.mountQueueDashboard(queues);
    deps.shutdown.add('queue metrics', opsMetrics.addQueueCollector(bullmqQueueCollector(queues)));
    for (const worker of queue.workers?.workers ?? []) observeWorker(worker);
  };
  return { server, attachQueues };
}

/** The bot process's ops listener: the gateway's shards, the database and Redis. */
export async function startBotOps(config: Config, deps: OpsDeps): Promise<BotOps> {
  let client: Client | null = null;
  const attachClient = (c: Client) => {
    client = c;
  };
  const ops = await startOps(config, deps, { shards: () => clientShards(client) });
  return { server: ops?.server ?? null, attachClient, attachQueues: ops?.attachQueues ?? (() => undefined) };
}

/**
 * A worker process's ops listener (`npm run worker` with OPS_PORT): its job workers, the database and
 * Redis on /healthz, its job times and the queue depths on /metrics, and the dashboard. Give each
 * process on one machine its own OPS_PORT.
 */
export async function startWorkerOps(config: Config, deps: OpsDeps & { queue: QueueRuntime }): Promise<OpsServer | null> {
  const workers = deps.queue.workers?.workers ?? [];
  const ops = await startOps(config, deps, { workers: () => workers.map((w) => ({ queue: w.name, status: w.isRunning() ? 'up' : 'down' })) });
  ops?.attachQueues(deps.queue);
  return ops?.server ?? null;
}
