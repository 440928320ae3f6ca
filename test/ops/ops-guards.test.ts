import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { OpsMetrics, startOpsServer, type OpsServer } from '../../src/ops/index.js';
import type { LoginThrottleOptions } from '../../src/ops/login-throttle.js';
import type { RedisEndpoint } from '../../src/queue/redis-endpoint.js';
import { openEmptyStorage } from '../support/storage.js';

const redis: RedisEndpoint = { kind: 'tcp', host: '127.0.0.1', port: 6379, db: 0, tls: false };
const logger = createLogger('silent');
const password = 'correct horse battery staple';
const basic = (pass: string) => `Basic ${Buffer.from(`ops:${pass}`).toString('base64')}`;

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

/**
 * A real HTTP request to the listener with any Host header (fetch does not let a caller set one),
 * optionally from another loopback source address.
 */
function get(server: OpsServer, path: string, options: { host?: string; authorization?: string; from?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: 'GET',
        agent: false,
        ...(options.from ? { localAddress: options.from } : {}),
        headers: { host: options.host ?? `127.0.0.1:${server.port}`, ...(options.authorization ? { authorization: options.authorization } : {}) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the ops listener refuses what a browser or a guesser sends', () => {
  let storage: Storage;
  const servers: OpsServer[] = [];
  const start = async (options: { allowedHosts?: string[]; throttle?: LoginThrottleOptions; password?: string } = {}) => {
    const server = await startOpsServer({
      port: 0,
      password: options.password,
      logger,
      metrics: new OpsMetrics({ processMetrics: false }),
      probe: { shards: () => [], db: storage.db, redis },
      ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
      ...(options.throttle ? { throttle: options.throttle } : {}),
    });
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    storage = await openEmptyStorage('pglite');
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await storage.close();
  });

  it('answers requests addressed to a loopback name, with or without a port', async () => {
    const server = await start();
    for (const host of [`127.0.0.1:${server.port}`, '127.0.0.1', `localhost:${server.port}`, 'LOCALHOST', `[::1]:${server.port}`, '[::1]']) {
      expect((await get(server, '/metrics', { host })).status, host).toBe(200);
    }
  });

  it('refuses a Host header naming anything else, as a page whose DNS name was rebound to 127.0.0.1 would send', async () => {
    const server = await start({ password });
    for (const host of ['attacker.example', `attacker.example:${server.port}`, 'localhost.attacker.example', '127.0.0.1.nip.io', 'evil@127.0.0.1']) {
      for (const path of ['/healthz', '/metrics', '/queues']) {
        const answer = await get(server, path, { host, authorization: basic(password) });
        expect(answer.status, `${host} ${path}`).toBe(403);
        expect(answer.body).toContain('OPS_ALLOWED_HOSTS');
      }
    }
  });

  it('answers the host names configured in OPS_ALLOWED_HOSTS, a port-bound entry on that port only', async () => {
    const server = await start({ allowedHosts: ['ops.example.org', 'monitor.internal:8443'] });
    expect((await get(server, '/metrics', { host: 'ops.example.org' })).status).toBe(200);
    expect((await get(server, '/metrics', { host: 'OPS.example.org:443' })).status).toBe(200);
    expect((await get(server, '/metrics', { host: 'monitor.internal:8443' })).status).toBe(200);
    expect((await get(server, '/metrics', { host: 'monitor.internal' })).status).toBe(403);
    expect((await get(server, '/metrics', { host: 'example.org' })).status).toBe(403);
  });

  it('stops checking passwords from an address after a few wrong ones: of 500 guesses in a row, 6 are checked', async () => {
    const clock = { now: 1_000_000 };
    const server = await start({ password, throttle: { now: () => clock.now } });
    const answers: Answer[] = [];
    for (let i = 0; i < 500; i++) answers.push(await get(server, '/queues', { authorization: basic(`guess number ${i}`) }));
    expect(answers.filter((a) => a.status === 401)).toHaveLength(6);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(494);
    expect(refused.every((a) => a.retryAfter === '1')).toBe(true);
    // While locked out even the right password is not looked at: a guesser learns nothing.
    expect((await get(server, '/queues', { authorization: basic(password) })).status).toBe(429);
  });

  it('doubles the lock-out with each further wrong password, and a right one afterwards clears it', async () => {
    const clock = { now: 1_000_000 };
    const server = await start({ password, throttle: { now: () => clock.now, freeFailures: 2, baseLockMs: 1_000 } });
    const wrong = () => get(server, '/queues', { authorization: basic('not the password') });
    expect((await wrong()).status).toBe(401);
    expect((await wrong()).status).toBe(401);
    expect((await wrong()).status).toBe(401);
    expect((await wrong()).retryAfter).toBe('1');
    clock.now += 1_000;
    expect((await wrong()).status).toBe(401);
    expect((await wrong()).retryAfter).toBe('2');
    clock.now += 2_000;
    expect((await wrong()).status).toBe(401);
    expect((await wrong()).retryAfter).toBe('4');
    clock.now += 4_000;
    const right = await get(server, '/queues', { authorization: basic(password) });
    expect(right.status).toBe(200);
    expect((await wrong()).status).toBe(401);
    expect((await wrong()).status).toBe(401);
  });

  it('counts per source address: one address locked out does not lock out another', async () => {
    const clock = { now: 1_000_000 };
    const server = await start({ password, throttle: { now: () => clock.now, freeFailures: 1 } });
    await get(server, '/queues', { authorization: basic('wrong one'), from: '127.0.0.2' });
    await get(server, '/queues', { authorization: basic('wrong two'), from: '127.0.0.2' });
    expect((await get(server, '/queues', { authorization: basic(password), from: '127.0.0.2' })).status).toBe(429);
    expect((await get(server, '/queues', { authorization: basic(password), from: '127.0.0.3' })).status).toBe(200);
  });

  it("does not count a request that brings no password, as a browser's first one does", async () => {
    const clock = { now: 1_000_000 };
    const server = await start({ password, throttle: { now: () => clock.now, freeFailures: 1 } });
    for (let i = 0; i < 10; i++) expect((await get(server, '/queues')).status).toBe(401);
    expect((await get(server, '/queues', { authorization: basic(password) })).status).toBe(200);
  });
});
