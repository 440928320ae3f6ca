import type { Client } from 'discord.js';
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

  it('reports the gateway down until the client is attached and ready, and closes on shutdown', async () => {
    const shutdown = new Shutdown(logger);
    // Port 0 would be refused by config (1–65535); the listener itself takes any free port in tests.
    const config = { ...loadConfig({ OPS_PORT: '1' }), opsPort: 0 };
    const ops = await startBotOps(config, { db: storage.db, redis, logger, shutdown });
    const url = `${ops.server!.url}/healthz`;
    const before = (await (await fetch(url)).json()) as HealthReport;
    expect(before.checks.gateway.status).toBe('down');
    ops.attachClient({ ws: { status: 0, ping: 17 } } as unknown as Client);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(((await response.json()) as HealthReport).checks.gateway).toEqual({ status: 'up', latencyMs: 17 });
    await shutdown.run('test');
    await expect(fetch(url)).rejects.toThrow();
  });
});
