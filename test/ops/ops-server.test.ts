import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { bullmqQueueCollector, observeWorker, OpsMetrics, startOpsServer, type HealthReport, type OpsServer, type ShardHealth } from '../../src/ops/index.js';
import type { RedisEndpoint } from '../../src/queue/redis-endpoint.js';
import { openEmptyStorage } from '../support/storage.js';

const redis: RedisEndpoint = { kind: 'tcp', host: '127.0.0.1', port: 6379, db: 0, tls: false };
// Nothing listens on port 1: a Redis that is down.
const deadRedis: RedisEndpoint = { kind: 'tcp', host: '127.0.0.1', port: 1, db: 0, tls: false };
const logger = createLogger('silent');
const password = 'correct horse battery staple';
const readyShard = (id: number, latencyMs: number | null = 42): ShardHealth => ({ id, status: 'up', state: 'Ready', latencyMs });
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe('the ops listener', () => {
  let storage: Storage;
  let shards: ShardHealth[] = [readyShard(0)];
  const servers: OpsServer[] = [];
  const start = async (options: { password?: string; redis?: RedisEndpoint; metrics?: OpsMetrics } = {}) => {
    const server = await startOpsServer({
      port: 0,
      password: options.password,
      logger,
      metrics: options.metrics ?? new OpsMetrics(),
      probe: { shards: () => shards, db: storage.db, redis: options.redis ?? redis },
      healthTimeoutMs: 1_000,
    });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    storage = await openEmptyStorage('postgres');
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await storage.close();
  });

  it('listens on 127.0.0.1 only', async () => {
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('answers /healthz with 200 and each part up, with latencies, when all are up', async () => {
    shards = [readyShard(0)];
    const server = await start();
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const report = (await response.json()) as HealthReport;
    expect(report.status).toBe('up');
    expect(report.checks.gateway).toEqual({ status: 'up', latencyMs: 42, shards: [readyShard(0)] });
    expect(report.checks.postgres.status).toBe('up');
    expect(report.checks.postgres.latencyMs).toBeGreaterThanOrEqual(0);
    expect(report.checks.redis.status).toBe('up');
    expect(report.checks.redis.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('answers 503 and names what is down when the gateway or Redis is down', async () => {
    shards = [];
    const server = await start({ redis: deadRedis });
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(503);
    const report = (await response.json()) as HealthReport;
    expect(report.status).toBe('down');
    expect(report.checks.gateway).toEqual({ status: 'down', latencyMs: null, error: 'not connected', shards: [] });
    expect(report.checks.postgres.status).toBe('up');
    expect(report.checks.redis).toMatchObject({ status: 'down', latencyMs: null });
    expect(report.checks.redis.error).toBeTruthy();
    shards = [readyShard(0)];
  });

  it("reports every gateway shard, up only when all of them are ready, with the slowest one's latency", async () => {
    const server = await start();
    const resuming: ShardHealth = { id: 1, status: 'down', state: 'Resuming', latencyMs: null };
    shards = [readyShard(0, 42), resuming, readyShard(2, 80)];
    const partly = await fetch(`${server.url}/healthz`);
    expect(partly.status).toBe(503);
    expect(((await partly.json()) as HealthReport).checks.gateway).toEqual({ status: 'down', latencyMs: null, error: 'shard 1 Resuming', shards });
    shards = [readyShard(0, 42), readyShard(1, null), readyShard(2, 80)];
    const all = await fetch(`${server.url}/healthz`);
    expect(all.status).toBe(200);
    expect(((await all.json()) as HealthReport).checks.gateway).toEqual({ status: 'up', latencyMs: 80, shards });
    shards = [readyShard(0)];
  });

  it('answers 503 when Postgres is gone', async () => {
    const gone = await openEmptyStorage('postgres');
    const server = await startOpsServer({
      port: 0,
      password: undefined,
      logger,
      metrics: new OpsMetrics(),
      probe: { shards: () => [readyShard(0)], db: gone.db, redis },
    });
    servers.push(server);
    await gone.close();
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as HealthReport).checks.postgres.status).toBe('down');
  });

  it('serves commands, reminders, queue depths, job latency and process metrics on /metrics', async () => {
    const metrics = new OpsMetrics();
    const prefix = `duban-test-ops-${randomBytes(4).toString('hex')}`;
    const connection = { host: redis.host, port: redis.port };
    const queue = new Queue('reminders', { connection, prefix });
    queue.on('error', () => undefined);
    const worker = new Worker('reminders', async () => 'sent', { connection: { ...connection, maxRetriesPerRequest: null }, prefix });
    worker.on('error', () => undefined);
    try {
      metrics.commandHandled('unit', 'ok');
      metrics.commandHandled('unit', 'ok');
      metrics.commandHandled('notice', 'user_error');
      metrics.reminderSent('before1');
      metrics.reminderFailed('due', { willRetry: true });
      metrics.addQueueCollector(bullmqQueueCollector([queue]));
      observeWorker(worker, metrics);
      const done = new Promise<void>((resolve) => worker.once('completed', () => resolve()));
      await queue.add('send', { unit: 1 });
      await done;
      await queue.add('later', {}, { delay: 60_000 });

      const server = await start({ metrics });
      const response = await fetch(`${server.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toContain('duban_commands_handled_total{command="unit",outcome="ok"} 2');
      expect(text).toContain('duban_commands_handled_total{command="notice",outcome="user_error"} 1');
      expect(text).toContain('duban_reminders_sent_total{stage="before1"} 1');
      expect(text).toContain('duban_reminders_failed_total{stage="due",will_retry="true"} 1');
      expect(text).toContain('duban_queue_jobs{queue="reminders",state="delayed"} 1');
      expect(text).toContain('duban_queue_jobs{queue="reminders",state="completed"} 1');
      expect(text).toMatch(/duban_job_run_seconds_count\{queue="reminders",name="send",outcome="completed"\} 1/);
      expect(text).toMatch(/duban_job_wait_seconds_count\{queue="reminders",name="send"\} 1/);
      expect(text).toContain('process_cpu_user_seconds_total');
      expect(text).toContain('nodejs_eventloop_lag_seconds');
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('counts interactions through the router hooks', async () => {
    const metrics = new OpsMetrics({ processMetrics: false });
    metrics.routerHooks().onHandled?.('task', 'error');
    expect(await metrics.render()).toContain('duban_commands_handled_total{command="task",outcome="error"} 1');
  });

  it('keeps the queue dashboard off without a password', async () => {
    const server = await start();
    expect(server.dashboardEnabled).toBe(false);
    expect(server.mountQueueDashboard([])).toBe(false);
    const response = await fetch(`${server.url}/queues`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('OPS_PASSWORD');
  });

  it('shows real BullMQ queues in the dashboard behind basic auth', async () => {
    const prefix = `duban-test-ops-${randomBytes(4).toString('hex')}`;
    const queue = new Queue('digests', { connection: { host: redis.host, port: redis.port }, prefix });
    queue.on('error', () => undefined);
    try {
      await queue.add('weekly', { workspace: 1 }, { delay: 60_000 });
      const server = await start({ password });
      expect(server.dashboardEnabled).toBe(true);
      expect(server.mountQueueDashboard([queue])).toBe(true);

      const anonymous = await fetch(`${server.url}/queues`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
      expect((await fetch(`${server.url}/queues`, { headers: { authorization: basic('admin', 'wrong password!!') } })).status).toBe(401);
      expect((await fetch(`${server.url}/queues/api/queues`, { headers: { authorization: 'Bearer x' } })).status).toBe(401);

      const page = await fetch(`${server.url}/queues`, { headers: { authorization: basic('anyone', password) } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');

      const api = await fetch(`${server.url}/queues/api/queues`, { headers: { authorization: basic('ops', password) } });
      expect(api.status).toBe(200);
      const body = (await api.json()) as { queues: { name: string; counts: Record<string, number> }[] };
      expect(body.queues.map((q) => q.name)).toEqual(['digests']);
      expect(body.queues[0]?.counts.delayed).toBe(1);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('answers unknown paths with 404 and writes with 405', async () => {
    const server = await start();
    expect((await fetch(`${server.url}/`)).status).toBe(404);
    expect((await fetch(`${server.url}/healthz`, { method: 'POST' })).status).toBe(405);
  });

  it('closes, freeing its port', async () => {
    const server = await startOpsServer({
      port: 0,
      password,
      logger,
      metrics: new OpsMetrics(),
      probe: { shards: () => [readyShard(0)], db: storage.db, redis },
    });
    await fetch(`${server.url}/metrics`);
    await server.close();
    await expect(fetch(`${server.url}/metrics`)).rejects.toThrow();
  });
});
