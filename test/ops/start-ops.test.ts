import { Status, type Client } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Storage } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import type { HealthReport } from '../../src/ops/index.js';
import { startBotOps } from '../../src/ops/start-ops.js';
import { Shutdown } from '../../src/shutdown.js';
import { openEmptyStorage } from '../support/storage.js';

describe('startBotOps', () => {
  let storage: Storage;
  const logger = createLogger('silent');
  const redis = { kind: 'tcp', host: '127.0.0.1', port: 6379, db: 0, tls: false } as const;
  beforeAll(async () => {
    storage = await openEmptyStorage('pglite');
  });
  afterAll(() => storage.close());

  it('starts nothing when OPS_PORT is unset', async () => {
    const ops = await startBotOps(loadConfig({}), { db: storage.db, redis, logger, shutdown: new Shutdown(logger) });
    expect(ops.server).toBeNull();
  });

  it('reports the gateway down until the client is attached and every shard of it is ready, and closes on shutdown', async () => {
    const shutdown = new Shutdown(logger);
    // Port 0 would be refused by config (1–65535); the listener itself takes any free port in tests.
    const config = { ...loadConfig({ OPS_PORT: '1' }), opsPort: 0 };
    const ops = await startBotOps(config, { db: storage.db, redis, logger, shutdown });
    const url = `${ops.server!.url}/healthz`;
    const before = (await (await fetch(url)).json()) as HealthReport;
    expect(before.checks.gateway?.status).toBe('down');
    // The client's own ws.status stays Ready once all shards were ready once; only the shards tell the truth.
    const shards = new Map([
      [1, { id: 1, status: Status.Resuming, ping: -1 }],
      [0, { id: 0, status: Status.Ready, ping: 17 }],
    ]);
    ops.attachClient({ ws: { status: Status.Ready, ping: 17, shards } } as unknown as Client);
    const resuming = (await (await fetch(url)).json()) as HealthReport;
    expect(resuming.status).toBe('down');
    expect(resuming.checks.gateway).toEqual({
      status: 'down',
      latencyMs: null,
      error: 'shard 1 Resuming',
      shards: [
        { id: 0, status: 'up', state: 'Ready', latencyMs: 17 },
        { id: 1, status: 'down', state: 'Resuming', latencyMs: null },
      ],
    });
    shards.get(1)!.status = Status.Ready;
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(((await response.json()) as HealthReport).checks.gateway).toMatchObject({ status: 'up', latencyMs: 17 });
    await shutdown.run('test');
    await expect(fetch(url)).rejects.toThrow();
  });
});
