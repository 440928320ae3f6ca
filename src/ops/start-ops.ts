import { Status, type Client } from 'discord.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { RedisEndpoint } from '../queue/redis-endpoint.js';
import type { Shutdown } from '../shutdown.js';
import type { QueueRuntime } from '../queue/queue-runtime.js';
import type { ShardHealth } from './health.js';
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

/** The bot process's ops listener, from Config; closed by shutdown. */
export async function startBotOps(config: Config, deps: { db: Db; redis: RedisEndpoint; logger: Logger; shutdown: Shutdown }): Promise<BotOps> {
  let client: Client | null = null;
  const attachClient = (c: Client) => {
    client = c;
  };
  if (config.opsPort === undefined) return { server: null, attachClient, attachQueues: () => undefined };
  const server = await startOpsServer({
    port: config.opsPort,
    password: config.opsPassword,
    logger: deps.logger,
    probe: {
      shards: () => clientShards(client),
      db: deps.db,
      redis: deps.redis,
    },
  });
  deps.shutdown.add('ops listener', () => server.close());
  const attachQueues = (queue: QueueRuntime) => {
    const queues = [queue.queues.deliveries, queue.queues.maintenance];
    server.mountQueueDashboard(queues);
    deps.shutdown.add('queue metrics', opsMetrics.addQueueCollector(bullmqQueueCollector(queues)));
    for (const worker of queue.workers?.workers ?? []) observeWorker(worker);
  };
  return { server, attachClient, attachQueues };
}
