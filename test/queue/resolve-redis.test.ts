import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { StartupError } from '../../src/errors.js';
import { redisOptions } from '../../src/queue/redis-endpoint.js';
import { probeRedis } from '../../src/queue/redis-probe.js';
import { resolveRedis } from '../../src/queue/resolve-redis.js';

const unreachable = 'redis://127.0.0.1:1';
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'duban-redis-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('resolveRedis', () => {
  it('uses the Redis that answers at REDIS_URL', async () => {
    const redis = await resolveRedis({ redisUrl: 'redis://127.0.0.1:6379', redisUrlIsDefault: false, dataDir: tempDir() });
    expect(redis.private).toBe(false);
    expect(redis.endpoint).toMatchObject({ kind: 'tcp', host: '127.0.0.1', port: 6379 });
    await redis.close();
  });

  it('refuses an unreachable REDIS_URL that was set on purpose, saying which', async () => {
    await expect(resolveRedis({ redisUrl: unreachable, redisUrlIsDefault: false, dataDir: tempDir() })).rejects.toThrow(
      new StartupError('Cannot reach Redis at redis://127.0.0.1:1/0 (REDIS_URL). Start that Redis, fix REDIS_URL, or unset it to let duban run a private one.'),
    );
  });

  it('says how to install Redis when none answers and no redis-server is on PATH', async () => {
    await expect(resolveRedis({ redisUrl: unreachable, redisUrlIsDefault: true, dataDir: tempDir(), searchPath: '/nonexistent' })).rejects.toThrow(
      /no redis-server is on PATH\. Install Redis \(Debian\/Ubuntu: apt-get install redis-server/,
    );
  });

  it('starts a private redis-server on a socket under DATA_DIR and stops it on close', async () => {
    const dataDir = tempDir();
    const redis = await resolveRedis({ redisUrl: unreachable, redisUrlIsDefault: true, dataDir });
    expect(redis.private).toBe(true);
    expect(redis.endpoint).toEqual({ kind: 'socket', path: path.join(dataDir, 'redis', 'redis.sock') });
    const client = new Redis(redisOptions(redis.endpoint));
    await client.set('duban:probe', 'ok');
    expect(await client.get('duban:probe')).toBe('ok');
    client.disconnect();
    await redis.close();
    expect(await probeRedis(redis.endpoint, 300)).toBe(false);
  });

  it('keeps data across restarts of the private server (append-only file)', async () => {
    const dataDir = tempDir();
    const first = await resolveRedis({ redisUrl: unreachable, redisUrlIsDefault: true, dataDir });
    const writer = new Redis(redisOptions(first.endpoint));
    await writer.set('duban:kept', 'yes');
    writer.disconnect();
    await first.close();
    const second = await resolveRedis({ redisUrl: unreachable, redisUrlIsDefault: true, dataDir });
    const reader = new Redis(redisOptions(second.endpoint));
    expect(await reader.get('duban:kept')).toBe('yes');
    reader.disconnect();
    await second.close();
  });
});
