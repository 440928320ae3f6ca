import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DefaultRestOptions } from 'discord.js';
import { Redis } from 'ioredis';
import { startLocalcord } from 'localcord';
import { afterAll, describe, expect, it } from 'vitest';
import { createGatedRequest } from '../../src/discord/outbound/gated-request.js';
import { endpointFromUrl, redisOptions } from '../../src/queue/redis-endpoint.js';
import {
  BULK_HORIZON_MS,
  CHANNEL_MESSAGES,
  CHANNEL_WINDOW_MS,
  DEPARTED_AFTER_MS,
  GLOBAL_MAX,
  IN_FLIGHT_MS,
  RedisSendGate,
  type Admission,
} from '../../src/queue/redis-send-gate.js';
import { deleteKeys, testRedisUrl } from '../e2e/support/bot-stack.js';

// The gate's promises are about the slots it hands out, on Redis's clock, which every process shares.
// The tests check those slots, not how long this process took to wake up: they hold on a busy machine.
describe('the shared send gate on Redis', () => {
  const prefix = `gate-${randomBytes(5).toString('hex')}`;
  const clients: Redis[] = [];
  const gate = (requestsPerSecond: number, name: string) => {
    const client = new Redis(redisOptions(endpointFromUrl(testRedisUrl)));
    clients.push(client);
    return { gate: new RedisSendGate(client, { prefix: `${prefix}-${name}`, requestsPerSecond }), client, key: `${prefix}-${name}:gate:global` };
  };
  const slotsOf = (granted: Admission[]) => granted.map((g) => g.slotAt).sort((x, y) => x - y);
  // A request answered the moment it was admitted.
  const answered = async (admission: Promise<Admission>) => {
    const admitted = await admission;
    await admitted.done();
    return admitted;
  };
  const mostInAnyWindow = (slots: number[], windowMs: number) => Math.max(...slots.map((t) => slots.filter((u) => u >= t && u < t + windowMs).length));
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    for (const name of ['even', 'lanes', 'channel', 'late', 'departed', 'no-client-list']) await deleteKeys(`${prefix}-${name}`);
  });

  it('spaces requests from several gates (processes) evenly under the shared rate', async () => {
    // Two gates on their own Redis connections and one budget, as two processes have.
    const [a, b] = [gate(50, 'even').gate, gate(50, 'even').gate];
    const granted = await Promise.all(Array.from({ length: 60 }, (_, i) => answered((i % 2 ? a : b).acquireSlot('interactive', null))));
    const slots = slotsOf(granted);
    // 60 slots at least 20 ms apart (the slot is rounded down to the millisecond), never more than 50 in any second.
    for (let i = 1; i < slots.length; i += 1) expect(slots[i]! - slots[i - 1]!).toBeGreaterThanOrEqual(19);
    expect(slots.at(-1)! - slots[0]!).toBeGreaterThanOrEqual(59 * 20 - 1);
    expect(mostInAnyWindow(slots, 1_000)).toBeLessThanOrEqual(50);
  });

  it('lets interactive work through ahead of a bulk backlog', async () => {
    const { gate: shared, client, key } = gate(20, 'lanes');
    const bulk = Promise.all(Array.from({ length: 20 }, () => answered(shared.acquireSlot('bulk', null))));
    // Wait until bulk has booked as far ahead as it may: the next free slot is a full horizon away.
    for (;;) {
      const [[, time], [, next]] = (await client.multi().time().get(key).exec()) as [[null, [string, string]], [null, string | null]];
      const now = Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000);
      if (next !== null && Number(next) - now >= BULK_HORIZON_MS) break;
    }
    const interactive = await answered(shared.acquireSlot('interactive', null));
    const bulkSlots = slotsOf(await bulk);
    // Bulk books at most BULK_HORIZON_MS ahead, so the interactive request was given a slot within about that, not a second.
    expect(interactive.slotAt - interactive.askedAt).toBeLessThanOrEqual(BULK_HORIZON_MS + 50);
    // …while the bulk backlog itself keeps its pace of 20 a second, about a second for all 20.
    expect(bulkSlots.at(-1)! - bulkSlots[0]!).toBeGreaterThanOrEqual(19 * 50 - 1);
    expect(bulkSlots.some((slot) => slot > interactive.slotAt)).toBe(true);
  });

  it('keeps a channel to five messages per window', async () => {
    const { gate: fast } = gate(47, 'channel');
    const slots = slotsOf(await Promise.all(Array.from({ length: 6 }, () => answered(fast.acquireSlot('interactive', '1234')))));
    expect(slots[CHANNEL_MESSAGES - 1]! - slots[0]!).toBeLessThan(CHANNEL_WINDOW_MS);
    expect(slots[CHANNEL_MESSAGES]! - slots[0]!).toBeGreaterThanOrEqual(CHANNEL_WINDOW_MS - 1);
    expect(mostInAnyWindow(slots, CHANNEL_WINDOW_MS)).toBe(CHANNEL_MESSAGES);
  }, 15_000);

  it("frees a dead process's places in seconds, and never a live process's, however long it stalls", async () => {
    const { gate: survivor, client, key } = gate(1_000, 'departed');
    const { gate: stalled } = gate(1_000, 'departed');
    const { gate: dying, client: dyingClient } = gate(1_000, 'departed');
    // Both fill the window with requests that never get an answer: 24 from the stalled process, 25 from the dying one.
    await Promise.all(Array.from({ length: GLOBAL_MAX }, (_, i) => (i % 2 ? stalled : dying).acquireSlot('interactive', null)));
    const inFlight = async () => {
      const [seconds = 0, micros = 0] = await client.time();
      return client.zcount(key.replace(/global$/, 'recent'), `(${Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)}`, '+inf');
    };
    expect(await inFlight()).toBe(GLOBAL_MAX);
    // Both processes are alive: nothing is freed, however long their requests have been out.
    expect(await survivor.releaseDeparted()).toBe(0);
    // The dying process is killed: the kernel closes its connection, as disconnect() does here.
    dyingClient.disconnect();
    const started = Date.now();
    const admitted = await survivor.acquireSlot('interactive', null);
    const waited = Date.now() - started;
    // Its 25 places were freed after DEPARTED_AFTER_MS and one window, long before IN_FLIGHT_MS; the stalled process kept its 24.
    expect(waited).toBeLessThan(IN_FLIGHT_MS - 5_000);
    expect(admitted.admittedAt - admitted.askedAt).toBeGreaterThanOrEqual(DEPARTED_AFTER_MS - 50);
    expect(await inFlight()).toBe(24 + 1);
    expect(await survivor.releaseDeparted()).toBe(0);
  }, 15_000);

  it("leaves a dead process's places to expire when Redis refuses CLIENT LIST (an ACL), and says nothing is freed", async () => {
    const user = `${prefix}-no-client-list`;
    const { client: admin } = gate(1_000, 'no-client-list');
    await admin.call('ACL', 'SETUSER', user, 'on', 'nopass', '~*', '&*', '+@all', '-client|list');
    const restricted = new Redis(redisOptions(endpointFromUrl(testRedisUrl), { username: user, password: 'any' }));
    try {
      const limited = new RedisSendGate(restricted, { prefix: `${prefix}-no-client-list` });
      const { gate: allowed } = gate(1_000, 'no-client-list');
      const { gate: dying, client: dyingClient } = gate(1_000, 'no-client-list');
      const admitted = await Promise.all(Array.from({ length: 3 }, () => dying.acquireSlot('interactive', null)));
      dyingClient.disconnect();
      // Wait on Redis's clock until the dead process's requests have been in flight long enough to be freed.
      const eligibleAt = Math.max(...admitted.map((a) => a.admittedAt)) + DEPARTED_AFTER_MS;
      for (;;) {
        const [seconds = 0, micros = 0] = await admin.time();
        if (seconds * 1000 + Math.floor(micros / 1000) > eligibleAt) break;
      }
      // Without CLIENT LIST the gate cannot tell a dead connection from a live one: it frees nothing and does not throw…
      expect(await limited.releaseDeparted()).toBe(0);
      // …while a gate allowed to ask frees all three.
      expect(await allowed.releaseDeparted()).toBe(3);
    } finally {
      // Closed first: Redis drops a deleted user's connections, and a reconnect would be refused.
      restricted.disconnect();
      await admin.call('ACL', 'DELUSER', user);
    }
  });

  it('lets no 50th request reach Discord within a second when requests arrive late, as from a process stalled after its slot', async () => {
    const lc = await startLocalcord();
    try {
      // Two processes' gates on one budget. The first 20 requests are held 600 ms between the gate
      // and the wire (measured under load: up to 578 ms), then arrive with the ones sent on time.
      const gates = [gate(47, 'late').gate, gate(47, 'late').gate];
      let started = 0;
      const stalled: typeof DefaultRestOptions.makeRequest = async (url, init) => {
        if ((started += 1) <= 20) await sleep(600);
        return DefaultRestOptions.makeRequest(url, init);
      };
      const requests = gates.map((g) => createGatedRequest(g, stalled));
      const answers = await Promise.all(
        Array.from({ length: 120 }, async (_, i) => {
          const response = await requests[i % 2]!(`${lc.apiBase}/v10/users/@me`, { method: 'GET', headers: { authorization: `Bot ${lc.botToken}` } });
          await response.arrayBuffer();
          return response.status;
        }),
      );
      expect(answers.filter((status) => status === 429)).toHaveLength(0);
      const arrivals = lc.requests.filter((r) => r.route === '/users/@me').map((r) => r.at);
      expect(arrivals).toHaveLength(120);
      expect(mostInAnyWindow(arrivals, 1_000)).toBeLessThanOrEqual(GLOBAL_MAX);
    } finally {
      await lc.close();
    }
  }, 20_000);
});
