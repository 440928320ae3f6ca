import { Status } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { deliveryMarker } from '../../src/app/reminders/delivery-ids.js';
import { postsCarrying, seedCounty, useBotStack, type SeededCounty } from '../e2e/support/bot-stack.js';

/** Discord misbehaving (loopback only): the gateway drops, the API answers 5xx and 429 for a while. */
describe('faults on the Discord side', () => {
  const stack = useBotStack({ queue: true });
  let county: SeededCounty;

  it('has a county with reminders planned', async () => {
    const s = stack();
    s.clock.set('2026-03-02T01:00:00Z');
    county = await seedCounty(s);
    await s.eventually(async () => (await s.storage.db.selectFrom('reminder_deliveries').select('id').where('status', '=', 'pending').execute()).length >= 15);
  });

  it('resumes after the gateway connection drops, and answers a command sent while it was away', async () => {
    const s = stack();
    const resumesBefore = s.lc.gatewayResumes;
    s.lc.dropGatewayConnections();
    // Sent while no connection is open: the server keeps the event and replays it on RESUME.
    const whileAway = s.run('coordinator', 'task show', { number: '1' });
    expect(await s.seen(whileAway)).toContain('【第 1 项');
    // Per shard: the client's own ws.status stays Ready once it was ready, whatever the shards do.
    await s.eventually(() => s.lc.gatewayResumes > resumesBefore && s.client.ws.shards.every((shard) => shard.status === Status.Ready), 15_000);
    expect(await s.seen(s.run('coordinator', 'task show', { number: '2' }))).toContain('【第 2 项');
  });

  it('answers commands while the API returns 500s, retrying without a second reply', async () => {
    const s = stack();
    s.lc.failNext({ route: /\/interactions\/\d+\/[^/]+\/callback/, status: 500, count: 2 });
    const handle = s.run('coordinator', 'tasks');
    expect(await s.seen(handle)).toContain('年任务');
    expect(handle.requests().filter((r) => r.status === 500)).toHaveLength(2);
    expect(handle.failedRequests().filter((r) => r.status !== 500)).toEqual([]);
  });

  it('delivers every reminder exactly once while channel messages fail with 503 and 429', async () => {
    const s = stack();
    s.lc.failNext({ route: /\/channels\/\d+\/messages$/, method: 'POST', status: 503, count: 3 });
    s.lc.failNext({ route: /\/channels\/\d+\/messages$/, method: 'POST', status: 429, count: 2, retryAfter: 0.2 });
    await s.travelTo('2026-03-18T01:00:00Z');
    const rows = await s.eventually(async () => {
      const found = await s.storage.db.selectFrom('reminder_deliveries').select(['unit_id', 'status', 'message_id']).where('stage', '=', 'before5').execute();
      return found.length > 0 && found.every((r) => r.status === 'sent') && found;
    }, 30_000);
    // One bot message per unit reminder, none twice, even though sends were refused and retried.
    const posted = s.lc.requests.filter((r) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path) && r.status === 200);
    const messageIds = rows.map((r) => r.message_id);
    expect(new Set(messageIds).size).toBe(rows.length);
    const reminderPosts = posted.filter((r) => messageIds.includes((r.response as { id?: string } | null)?.id ?? ''));
    expect(reminderPosts).toHaveLength(rows.length);
    expect(s.lc.requests.filter((r) => r.status === 503 || r.status === 429).length).toBeGreaterThanOrEqual(5);
    expect(rows.map((r) => r.unit_id)).toContain(county.units.chengguan);
  });

  it('sends each due reminder once after Discord answers 503 to every message for a while', async () => {
    const s = stack();
    s.lc.failNext({ route: /\/channels\/\d+\/messages$/, method: 'POST', status: 503, forMs: 2_500 });
    const outageEnds = Date.now() + 2_500;
    await s.travelTo('2026-03-24T01:00:00Z'); // before1
    const rows = await s.eventually(async () => {
      const found = await s.storage.db.selectFrom('reminder_deliveries').select(['id', 'status', 'nonce', 'sent_at']).where('stage', '=', 'before1').execute();
      return found.length > 0 && found.every((r) => r.status === 'sent') && found;
    }, 60_000);
    expect(Date.now()).toBeGreaterThanOrEqual(outageEnds); // nothing got through during the outage
    expect(s.lc.requests.entries.filter((r) => r.status === 503 && r.method === 'POST').length).toBeGreaterThanOrEqual(rows.length);
    for (const row of rows) expect(postsCarrying(s, deliveryMarker('reminder', row.id, row.nonce))).toBe(1);
  }, 90_000);
});
