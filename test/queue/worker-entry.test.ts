import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HealthReport } from '../../src/ops/index.js';
import { testRedisUrl } from '../e2e/support/bot-stack.js';
import { createScratchDatabase } from '../support/storage.js';
import { freePort } from '../support/free-port.js';

const root = path.resolve(import.meta.dirname, '../..');

function runWorker(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('npm run worker', () => {
  it('says it needs DATABASE_URL, because the embedded database belongs to the bot process', async () => {
    const result = await runWorker({ DISCORD_TOKEN: 'x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('npm run worker needs DATABASE_URL');
    expect(result.stderr).toContain('PGlite');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm run worker with OPS_PORT', () => {
  it('serves /healthz (its job workers, Postgres, Redis; no gateway), /metrics and the dashboard behind the password, and stops on SIGTERM', async () => {
    const scratch = await createScratchDatabase();
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts', '--prefix', `wk-${randomBytes(4).toString('hex')}`], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        LOG_LEVEL: 'silent',
        DATABASE_URL: scratch.url,
        REDIS_URL: testRedisUrl,
        DISCORD_TOKEN: 'x',
        DISCORD_API_BASE: 'http://127.0.0.1:1/api',
        OPS_PORT: String(port),
        OPS_PASSWORD: 'correct horse',
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve());
        void exited.then((code) => reject(new Error(`worker exited with ${code}: ${stderr}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      const report = (await health.json()) as HealthReport;
      expect(report.status).toBe('up');
      expect(report.checks.gateway).toBeUndefined();
      expect(report.checks.workers?.workers).toEqual([
        { queue: 'deliveries', status: 'up' },
        { queue: 'maintenance', status: 'up' },
      ]);
      expect(report.checks.postgres.status).toBe('up');
      expect(report.checks.redis.status).toBe('up');
      expect(await (await fetch(`${base}/metrics`)).text()).toContain('duban_queue_jobs');
      expect((await fetch(`${base}/queues`)).status).toBe(401);
      const dashboard = await fetch(`${base}/queues`, { headers: { authorization: `Basic ${Buffer.from('admin:correct horse').toString('base64')}` } });
      expect(dashboard.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
      await scratch.drop();
    }
  }, 60_000);
});
