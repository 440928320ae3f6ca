import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminDatabaseUrl } from './support/storage.js';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'duban-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs an entry point as a real process with only the given environment. */
function run(entry: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('starting duban', () => {
  it('stops with one clear message on a wrong DATABASE_URL', async () => {
    const result = await run('src/main.ts', [], { DISCORD_TOKEN: 'x', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe(
      'Cannot connect to PostgreSQL at postgres://postgres@127.0.0.1:1/none: nothing is listening at that host and port. Fix DATABASE_URL, or unset it to use the embedded database under DATA_DIR.',
    );
  });

  it('stops with one clear message when Redis cannot be reached', async () => {
    const result = await run('src/main.ts', [], {
      DISCORD_TOKEN: 'x',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toMatch(/^Cannot reach Redis at redis:\/\/127\.0\.0\.1:1\/0 \(REDIS_URL\)\./);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops with one clear message on an invalid TZ', async () => {
    const result = await run('src/main.ts', [], { TZ: 'Asia/Nowhere' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/TZ must be an IANA time zone name such as Asia\/Shanghai \(got "Asia\/Nowhere"\)/);
  });

  describe('never shows a credential', () => {
    const secrets = { db: 'Db-s3cret-pw', redis: 'Redis-s3cret-pw', token: 'MTk4NjIy.token-s3cret', ops: 'short-s3c' };
    const expectNoSecret = (text: string) => {
      for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
    };

    it('when the configuration is invalid: URLs are echoed with their passwords masked', async () => {
      const result = await run('src/main.ts', [], {
        DISCORD_TOKEN: secrets.token,
        DATABASE_URL: `mysql://duban:${secrets.db}@127.0.0.1:3306/duban`,
        REDIS_URL: `redis//:${secrets.redis}@127.0.0.1:6379`,
        OPS_PASSWORD: secrets.ops,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('DATABASE_URL must be a URL starting with postgres://');
      expect(result.stderr).toContain('(got "mysql://duban:***@127.0.0.1:3306/duban")');
      expect(result.stderr).toContain('(got "redis//:***@127.0.0.1:6379")');
      expect(result.stderr).toContain('OPS_PASSWORD must be at least 12 characters');
      expectNoSecret(result.stderr + result.stdout);
    });

    it('when PostgreSQL cannot be reached, in the message and in the log lines', async () => {
      const result = await run('src/main.ts', [], {
        LOG_LEVEL: 'debug',
        DISCORD_TOKEN: secrets.token,
        DATABASE_URL: `postgres://postgres:${secrets.db}@127.0.0.1:1/none`,
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toMatch(/^Cannot connect to PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none: nothing is listening/);
      expectNoSecret(result.stderr + result.stdout);
    });

    it('when Redis cannot be reached, in the message and in the log lines', async () => {
      // The shared test server trusts every password, so the database opens and Redis is the part that fails.
      const database = new URL(adminDatabaseUrl);
      database.password = secrets.db;
      const result = await run('src/main.ts', [], {
        LOG_LEVEL: 'debug',
        DISCORD_TOKEN: secrets.token,
        DATABASE_URL: database.toString(),
        REDIS_URL: `redis://duban:${secrets.redis}@127.0.0.1:1`,
      });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toMatch(/^Cannot reach Redis at redis:\/\/127\.0\.0\.1:1\/0 \(REDIS_URL\)\./);
      expect(result.stdout).toContain('storage ready');
      expectNoSecret(result.stderr + result.stdout);
    });
  });

  it('prints the command line help', async () => {
    const result = await run('src/cli/main.ts', ['--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/duban migrate \[latest\|down\|status\]/);
  });

  // Two CLI processes, each opening the embedded database (its first open runs initdb): slow on a busy machine.
  it('migrates the embedded database from the command line', { timeout: 120_000 }, async () => {
    const result = await run('src/cli/main.ts', ['migrate', 'status'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/pending\s+2026_11_21_090000_create_workspaces_and_units/);
    const applied = await run('src/cli/main.ts', ['migrate'], {});
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/applied\s+2026_11_21_090400_create_audit_log_and_drafts/);
  });
});
