import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StartupError } from '../errors.js';
import { probeRedis } from './redis-probe.js';
import type { RedisEndpoint } from './redis-endpoint.js';

export interface PrivateRedis {
  endpoint: RedisEndpoint;
  stop(): Promise<void>;
}

export function findRedisServerBinary(searchPath = process.env.PATH ?? ''): string | null {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'redis-server');
    const result = spawnSync(candidate, ['--version'], { stdio: 'ignore', timeout: 5_000 });
    if (result.status === 0) return candidate;
  }
  return null;
}

/**
 * Starts redis-server as a child listening only on a unix socket under DATA_DIR/redis,
 * with an append-only file there so queued reminders survive a restart.
 * A server left running by a crashed earlier run answers on the same socket and is reused.
 */
export async function startPrivateRedis(binary: string, dataDir: string): Promise<PrivateRedis> {
  const dir = path.join(dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  const socketPath = path.join(dir, 'redis.sock');
  if (Buffer.byteLength(socketPath) > 100) {
    throw new StartupError(`DATA_DIR is too long for a unix socket (${socketPath}). Use a shorter DATA_DIR or set REDIS_URL.`);
  }
  const endpoint: RedisEndpoint = { kind: 'socket', path: socketPath };
  if (await probeRedis(endpoint)) return { endpoint, stop: () => shutdownBySocket(endpoint) };

  const child = spawn(
    binary,
    [
      '--port',
      '0',
      '--unixsocket',
      socketPath,
      '--unixsocketperm',
      '700',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--logfile',
      'redis.log',
      '--daemonize',
      'no',
    ],
    { stdio: 'ignore' },
  );
  let exited = false;
  child.once('exit', () => (exited = true));
  child.once('error', () => (exited = true));
  for (let waited = 0; waited < 10_000; waited += 50) {
    if (exited) break;
    if (await probeRedis(endpoint, 200)) return { endpoint, stop: () => stopChild(child) };
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new StartupError(`The private redis-server did not start (see ${path.join(dir, 'redis.log')}). Set REDIS_URL to a running Redis instead.`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM'); // redis-server flushes its append-only file on SIGTERM
  });
}

async function shutdownBySocket(endpoint: RedisEndpoint): Promise<void> {
  const { Redis } = await import('ioredis');
  const { redisOptions } = await import('./redis-endpoint.js');
  const client = new Redis(redisOptions(endpoint, { lazyConnect: true, maxRetriesPerRequest: 0 }));
  try {
    await client.connect();
    await client.call('SHUTDOWN');
  } catch {
    // SHUTDOWN closes the connection before answering: that is success.
  } finally {
    client.disconnect();
  }
}
