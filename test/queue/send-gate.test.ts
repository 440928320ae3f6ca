import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { endpointFromUrl, redisOptions } from '../../src/queue/redis-endpoint.js';
import { BULK_HORIZON_MS, CHANNEL_WINDOW_MS, RedisSendGate } from '../../src/queue/redis-send-gate.js';
import { deleteKeys, testRedisUrl } from '../e2e/support/bot-stack.js';

describe('the shared send gate on Redis', () => {
  const prefix = `gate-${randomBytes(5).toString('hex')}`;
  const clients: Redis[] = [];
  const gate = (requestsPerSecond: number) => {
    const client = new Redis(redisOptions(endpointFromUrl(testRedisUrl)));
    clients.push(client);
    return new RedisSendGate(client, { prefix: `${prefix}-${requestsPerSecond}`, requestsPerSecond });
  };
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    for (const suffix of ['20', '50', '100']) await deleteKeys(`${prefix}-${suffix}`);
  });

  it('spaces requests from several gates (processes) evenly under the shared rate', async () => {
    const [a, b] = [gate(50), gate(50)];
    const started = Date.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).acquire('interactive', null).then(() => times.push(Date.now() - started))));
    times.sort((x, y) => x - y);
    // 60 slots 20 ms apart: the last one about 1.2 s in, and never more than 50 in any second.
    expect(times.at(-1)).toBeGreaterThanOrEqual(1_150);
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1_000).length).toBeLessThanOrEqual(51);
  });

  it('lets interactive work through ahead of a bulk backlog', async () => {
    const shared = gate(20);
    const started = Date.now();
    const bulk = Promise.all(Array.from({ length: 20 }, () => shared.acquire('bulk', null)));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = Date.now();
    await shared.acquire('interactive', null);
    const waited = Date.now() - before;
    await bulk;
    // Bulk books at most BULK_HORIZON_MS ahead, so the interactive request waits about that long, not a second.
    expect(waited).toBeLessThan(BULK_HORIZON_MS + 150);
    expect(Date.now() - started).toBeGreaterThan(900);
  });

  it('keeps a channel to five messages per window', async () => {
    const fast = gate(100);
    const started = Date.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => fast.acquire('interactive', '1234').then(() => times.push(Date.now() - started))));
    times.sort((x, y) => x - y);
    expect(times[4]).toBeLessThan(500);
    expect(times[5]).toBeGreaterThanOrEqual(CHANNEL_WINDOW_MS - 100);
  }, 10_000);
});
