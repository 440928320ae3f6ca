import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTables } from '../../src/db/backup/table-columns.js';
import { openPglite, openPostgres } from '../../src/db/database.js';
import { probeRedis } from '../../src/queue/redis-probe.js';
import type { RedisEndpoint } from '../../src/queue/redis-endpoint.js';
import { markSandboxRedis, refuseSandboxQueue, SANDBOX_QUEUE_PREFIX } from '../../src/sandbox/sandbox-marks.js';
import { freePort } from '../support/free-port.js';
import { createScratchDatabase } from '../support/storage.js';
import { driveSandbox } from './drive-sandbox.js';

const root = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'duban-sbx-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const dataDir = (name: string) => path.join(work, name);

// A notice of the current year with two tasks for the sandbox's own town, so /status offers 催办 城关镇.
const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const noticeFile = path.join(work, 'notice.txt');
writeFileSync(
  noticeFile,
  `清河区${year}年法治政府建设工作要点\n一、依法行政\n（一）开展行政执法案卷评查。（城关镇负责）\n（二）推进政务公开标准化建设。（城关镇负责）\n`,
);

/** Import the notice, confirm it, and nudge 城关镇 from /status: work that puts jobs on the sandbox's queue. */
const importAndNudge = [
  { send: `/notice import file:${noticeFile}`, waitFor: /\[\d+\] 确认导入/ },
  { send: 'click 确认导入', waitFor: new RegExp(`已导入 ${year} 年工作要点`) },
  { send: '/status', waitFor: /\[\d+\] 催办 城关镇/ },
  { send: 'click 催办 城关镇', waitFor: /📨 duban 私信了城关镇联络员 赵敏:【催办】/ },
  { send: '/quit', waitFor: /正在退出沙盒/ },
];

/** A redis-server of the test's own on a loopback port: the "configured" Redis, whose every key the test can count. */
async function startTestRedis(): Promise<{ url: string; endpoint: RedisEndpoint; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const endpoint: RedisEndpoint = { kind: 'tcp', host: '127.0.0.1', port, db: 0, tls: false };
  for (let i = 0; i < 100 && !(await probeRedis(endpoint, 200)); i++) await new Promise((r) => setTimeout(r, 50));
  return {
    url: `redis://127.0.0.1:${port}`,
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

async function keyCount(endpoint: RedisEndpoint): Promise<number> {
  const redis = new Redis({ host: endpoint.kind === 'tcp' ? endpoint.host : '', port: endpoint.kind === 'tcp' ? endpoint.port : 0, lazyConnect: true });
  await redis.connect();
  try {
    return await redis.dbsize();
  } finally {
    redis.disconnect();
  }
}

/**
 * Keys of the sandbox's prefix in the machine's Redis (127.0.0.1:6379). Other processes on this machine
 * use the default prefix there, so which Redis the sandbox used is read from its own log instead.
 */
async function machineSandboxKeys(): Promise<string[]> {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
  await redis.connect();
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${SANDBOX_QUEUE_PREFIX}*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    return keys.sort();
  } finally {
    redis.disconnect();
  }
}

/** Every Redis and storage location the sandbox's log says it used. */
function usedByLog(dir: string): { redis: string[]; storage: string[] } {
  const lines = readFileSync(path.join(dir, 'sandbox', 'duban.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { redis?: string; location?: string });
  return {
    redis: [...new Set(lines.flatMap((l) => (l.redis ? [l.redis] : [])))],
    storage: [...new Set(lines.flatMap((l) => (l.location ? [l.location] : [])))],
  };
}

/** The sandbox's own: PGlite and a redis-server socket inside DATA_DIR/sandbox, nothing else. */
const ownOnly = (dir: string) => ({ redis: [`unix:${path.join(dir, 'sandbox', 'redis', 'redis.sock')}`], storage: [path.join(dir, 'sandbox', 'pglite')] });

async function postgresTables(url: string): Promise<string[]> {
  const storage = await openPostgres(url);
  try {
    return await listTables(storage.db);
  } finally {
    await storage.close();
  }
}

/** The nudges a sandbox's own database recorded, read after the sandbox has quit. */
async function sandboxNudges(dir: string): Promise<{ status: string }[]> {
  const storage = await openPglite(path.join(dir, 'sandbox', 'pglite'));
  try {
    return await storage.db.selectFrom('reminder_deliveries').select('status').where('stage', '=', 'nudge').execute();
  } finally {
    await storage.close();
  }
}

function run(entry: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; started: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
      stdio: ['pipe', 'pipe', 'pipe', 'ipc'],
    });
    child.stdin?.end();
    let stdout = '';
    let stderr = '';
    let started = false;
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    // A worker that reports ready was not refused: stop it, and let the test fail on `started`.
    child.on('message', () => {
      started = true;
      child.kill('SIGTERM');
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr, started }));
  });
}

describe('the sandbox keeps to its own data', () => {
  let redis: Awaited<ReturnType<typeof startTestRedis>>;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(() => redis.stop());

  it('npm start without a token refuses, saying the token is missing, where DATABASE_URL is configured, and creates nothing there', async () => {
    const scratch = await createScratchDatabase();
    try {
      const result = await run('src/main.ts', [], { DATA_DIR: dataDir('refuse-db'), DATABASE_URL: scratch.url });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^DISCORD_TOKEN is not set, so the bot cannot connect to Discord\.\nDATABASE_URL is configured/);
      expect(result.stderr).toContain('npm run sandbox');
      expect(result.stdout).not.toContain('沙盒');
      expect(await postgresTables(scratch.url)).toEqual([]);
    } finally {
      await scratch.drop();
    }
  }, 60_000);

  it('npm start without a token refuses where REDIS_URL is configured, and writes nothing there', async () => {
    const result = await run('src/main.ts', [], { DATA_DIR: dataDir('refuse-redis'), REDIS_URL: redis.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('REDIS_URL is configured');
    expect(await keyCount(redis.endpoint)).toBe(0);
  }, 60_000);

  it("npm run sandbox runs with a configured database and Redis (and a token) without touching either, or the machine's Redis", async () => {
    const scratch = await createScratchDatabase();
    const machineBefore = await machineSandboxKeys();
    const dir = dataDir('configured');
    try {
      const { code, screen } = await driveSandbox(importAndNudge, {
        dataDir: dir,
        args: ['--sandbox'],
        // The token and API base would reach Discord if this were not the sandbox; 127.0.0.1:1 answers nothing.
        env: { DATABASE_URL: scratch.url, REDIS_URL: redis.url, DISCORD_TOKEN: 'not-a-real-token', DISCORD_API_BASE: 'http://127.0.0.1:1/api' },
        timeoutMs: 110_000,
      });
      expect(code, screen).toBe(0);
      expect(screen).toContain(`沙盒的数据只保存在 ${path.join(dir, 'sandbox')} 中`);
      expect(await postgresTables(scratch.url)).toEqual([]);
      expect(await keyCount(redis.endpoint)).toBe(0);
      expect(await machineSandboxKeys()).toEqual(machineBefore);
      expect(usedByLog(dir)).toEqual(ownOnly(dir));
      expect(await sandboxNudges(dir)).toEqual([{ status: 'sent' }]);
    } finally {
      await scratch.drop();
    }
  }, 150_000);

  it('runs two sandboxes side by side, each with its own queue: each nudge reaches its own liaison once', async () => {
    const machineBefore = await machineSandboxKeys();
    const [a, b] = await Promise.all(
      ['side-a', 'side-b'].map((name) => driveSandbox(importAndNudge, { dataDir: dataDir(name), args: ['--sandbox'], timeoutMs: 110_000 })),
    );
    for (const run of [a!, b!]) {
      expect(run.code, run.screen).toBe(0);
      expect(run.screen.match(/📨 duban 私信了城关镇联络员 赵敏:【催办】/g)).toHaveLength(1);
    }
    expect(await sandboxNudges(dataDir('side-a'))).toEqual([{ status: 'sent' }]);
    expect(await sandboxNudges(dataDir('side-b'))).toEqual([{ status: 'sent' }]);
    // Each private redis-server was stopped at /quit, and the machine's Redis never saw either sandbox.
    for (const name of ['side-a', 'side-b']) {
      expect(usedByLog(dataDir(name))).toEqual(ownOnly(dataDir(name)));
      expect(await probeRedis({ kind: 'socket', path: path.join(dataDir(name), 'sandbox', 'redis', 'redis.sock') })).toBe(false);
    }
    expect(await machineSandboxKeys()).toEqual(machineBefore);
  }, 150_000);
});

describe('production processes refuse what a sandbox created', () => {
  it("the bot refuses to start on a sandbox's database", async () => {
    const dir = dataDir('made-by-sandbox');
    const sandbox = await driveSandbox([{ send: '/quit', waitFor: /正在退出沙盒/ }], { dataDir: dir, args: ['--sandbox'] });
    expect(sandbox.code, sandbox.screen).toBe(0);
    // DATA_DIR pointed into the sandbox's directory: the embedded database there is the sandbox's.
    const result = await run('src/main.ts', [], { DATA_DIR: path.join(dir, 'sandbox'), DISCORD_TOKEN: 'x', DISCORD_API_BASE: 'http://127.0.0.1:1/api' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^The database at .*sandbox\/pglite was created by the duban sandbox/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 150_000);

  it("a worker refuses the sandbox's queue prefix", async () => {
    const scratch = await createScratchDatabase();
    try {
      const result = await run('src/worker.ts', ['--prefix', SANDBOX_QUEUE_PREFIX], {
        DISCORD_TOKEN: 'x',
        DISCORD_API_BASE: 'http://127.0.0.1:1/api',
        DATABASE_URL: scratch.url,
        REDIS_URL: 'redis://127.0.0.1:6379',
      });
      expect(result.started).toBe(false);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`The queue prefix "${SANDBOX_QUEUE_PREFIX}" belongs to the duban sandbox`);
    } finally {
      await scratch.drop();
    }
  }, 60_000);

  it('refuses a Redis a sandbox created, whatever the prefix', async () => {
    const redis = await startTestRedis();
    try {
      await expect(refuseSandboxQueue(redis.endpoint, 'duban')).resolves.toBeUndefined();
      await markSandboxRedis(redis.endpoint);
      await expect(refuseSandboxQueue(redis.endpoint, 'duban')).rejects.toThrow(/was created by the duban sandbox/);
    } finally {
      await redis.stop();
    }
  });
});
