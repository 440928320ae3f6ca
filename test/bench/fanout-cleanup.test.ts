import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { adminDatabaseUrl } from '../support/storage.js';

const root = path.resolve(import.meta.dirname, '../..');

async function benchDatabases(): Promise<string[]> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname like 'duban_bench_%' order by datname`);
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

async function benchKeyPrefixes(): Promise<string[]> {
  const redis = new Redis({ host: '127.0.0.1', port: 6379, lazyConnect: true });
  await redis.connect();
  try {
    const prefixes = new Set<string>();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'bench-*', 'COUNT', 1000);
      cursor = next;
      for (const key of keys) prefixes.add(key.split(':')[0] ?? key);
    } while (cursor !== '0');
    return [...prefixes].sort();
  } finally {
    redis.disconnect();
  }
}

/** The bench's worker and bot processes (not tsx's esbuild helper), read from /proc (Linux), with their command lines. */
function childrenOf(pid: number): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      for (const child of text ? text.split(/\s+/).map(Number) : []) {
        let command = '';
        try {
          command = readFileSync(`/proc/${child}/cmdline`, 'utf8').replace(/\0/g, ' ');
        } catch {
          // exited meanwhile
        }
        if (/src\/worker\.ts|fanout-bot\.ts/.test(command)) found.push({ pid: child, command });
      }
    }
  } catch {
    // the process is gone
  }
  return found;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Runs bench:fanout as `npm run bench:fanout` would, collecting its output and letting the test act on what it prints. */
function startBench(args: string[]): {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  waitForOutput(pattern: RegExp, timeoutMs: number): Promise<void>;
  exited: Promise<number | string>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/fanout.ts', ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      BENCH_DATABASE_URL: adminDatabaseUrl,
      REDIS_URL: 'redis://127.0.0.1:6379',
      BENCH_DEBUG: '1',
    },
  });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const l of listeners) l();
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    for (const l of listeners) l();
  });
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForOutput: (pattern, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(out + err)) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`bench did not print ${pattern} in time:\n${err}`));
        }, timeoutMs);
        listeners.add(check);
        void exited.then(() => {
          if (listeners.has(check)) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`bench exited before printing ${pattern}:\n${err}`));
          }
        });
        check();
      }),
  };
}

describe('bench:fanout cleans up whatever happens', () => {
  // Processes this test saw the bench start, killed by pid at the end if the bench left them running.
  const seen = new Set<number>();
  afterEach(() => {
    for (const pid of seen) {
      if (!alive(pid)) continue;
      process.kill(pid, 'SIGCONT');
      process.kill(pid, 'SIGKILL');
    }
    seen.clear();
  });

  it('counts a command the bot never answers as unanswered, finishes, and leaves no database, Redis key or process behind', async () => {
    const databasesBefore = await benchDatabases();
    const prefixesBefore = await benchKeyPrefixes();
    const bench = startBench(['--units', '800', '--workers', '1', '--commands', '40']);
    // The first measured command was answered: from now on the bot is frozen, so the next ones go unanswered
    // while the fan-out is still running.
    await bench.waitForOutput(/\[fanout\] (task|tasks|status) \d+ ms/, 120_000);
    const children = childrenOf(bench.child.pid!);
    for (const c of children) seen.add(c.pid);
    const bot = children.find((c) => c.command.includes('fanout-bot.ts'));
    expect(bot, JSON.stringify(children)).toBeDefined();
    process.kill(bot!.pid, 'SIGSTOP');

    const code = await bench.exited;
    expect(bench.stderr()).not.toContain('unhandled');
    expect(code, bench.stderr()).toBe(0);
    const result = JSON.parse(bench.stdout().trim().split('\n').at(-1) ?? '{}') as { sent: number; unansweredCommands: number };
    expect(result.sent).toBe(800);
    expect(result.unansweredCommands).toBeGreaterThan(0);
    expect(await benchDatabases()).toEqual(databasesBefore);
    expect(await benchKeyPrefixes()).toEqual(prefixesBefore);
    expect(children.filter((c) => alive(c.pid))).toEqual([]);
  }, 180_000);

  it('cleans up when interrupted with Ctrl-C (SIGINT) in the middle of a run', async () => {
    const databasesBefore = await benchDatabases();
    const prefixesBefore = await benchKeyPrefixes();
    const bench = startBench(['--units', '300', '--workers', '1', '--commands', '10']);
    await bench.waitForOutput(/\[fanout\] seeded 300 units/, 120_000);
    const children = childrenOf(bench.child.pid!);
    for (const c of children) seen.add(c.pid);
    expect(children.length).toBeGreaterThanOrEqual(2);
    expect(await benchDatabases()).not.toEqual(databasesBefore);
    bench.child.kill('SIGINT');

    expect(await bench.exited).toBe(130);
    expect(bench.stderr()).toContain('interrupted (SIGINT); cleaning up');
    expect(await benchDatabases()).toEqual(databasesBefore);
    expect(await benchKeyPrefixes()).toEqual(prefixesBefore);
    expect(children.filter((c) => alive(c.pid))).toEqual([]);
  }, 180_000);
});
