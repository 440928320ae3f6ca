import { setTimeout as sleep } from 'node:timers/promises';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { InteractionHandle } from 'localcord';
import { deliveryMarker } from '../../src/app/reminders/delivery-ids.js';
import { postsCarrying, seedCounty, useBotStack, type BotStack, type SeededCounty } from '../e2e/support/bot-stack.js';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';

const RETRY_DATABASE = /数据库暂时无法连接.*请稍等一两分钟后重试/s;

/** Postgres stopped and restarted under the bot (loopback, a private server): people are told to retry, nothing is lost or sent twice. */
describe('faults: Postgres restarted while commands arrive', () => {
  let server: PrivatePostgres;
  beforeAll(async () => {
    server = await startPrivatePostgres();
  }, 60_000);
  afterAll(() => server?.destroy());
  const stack = useBotStack({
    queue: true,
    openStorage: async () => {
      const storage = await openPostgres(server.url);
      await migrateToLatest(storage.db);
      return storage;
    },
  });
  let county: SeededCounty;
  let reminder: APIMessage;

  const reportCount = async (s: BotStack) => (await s.storage.db.selectFrom('progress_reports').select('id').execute()).length;
  const answered = (s: BotStack, handle: InteractionHandle) => s.seen(handle);

  it('has a county whose first reminders went out', async () => {
    const s = stack();
    s.clock.set('2026-03-02T01:00:00Z');
    county = await seedCounty(s);
    await s.eventually(() => s.storage.db.selectFrom('reminder_deliveries').select('id').where('stage', '=', 'due').executeTakeFirst());
    await s.travelTo('2026-03-18T01:00:00Z');
    reminder = await s.lc.waitForMessage((m) => m.channel_id === s.world.channels.unit.id, 10_000);
    await s.eventually(async () => {
      const rows = await s.storage.db.selectFrom('reminder_deliveries').select('status').where('stage', '=', 'before5').execute();
      return rows.length === 3 && rows.every((r) => r.status === 'sent');
    }, 20_000);
  });

  it('tells a coordinator to retry while the database is down, and answers again once it is back', async () => {
    const s = stack();
    await server.stop('fast');
    const refused = await answered(s, s.run('coordinator', 'tasks'));
    expect(refused).toMatch(RETRY_DATABASE);
    expect(refused).not.toContain('错误编号');
    await server.start();
    const text = await s.eventually(async () => {
      const seen = await answered(s, s.run('coordinator', 'tasks'));
      return seen.includes('年任务') && seen;
    }, 20_000);
    expect(text).toContain('深入学习贯彻习近平法治思想');
  });

  it('tells a liaison their chat reply was not saved while the database is down, and saves the one sent after', async () => {
    const s = stack();
    const before = await reportCount(s);
    await server.stop('immediate');
    const lost = s.lc.sendMessage({
      channelId: s.world.channels.unit.id,
      userId: s.userId('liaison'),
      replyTo: reminder.id,
      content: '(一)已完成第一次集中学习。',
    });
    const notSaved = await s.lc.waitForMessage((m) => m.message_reference?.message_id === lost.id, 8_000);
    expect(notSaved.content).toContain('进展没有保存');
    expect(notSaved.content).toMatch(RETRY_DATABASE);
    expect(notSaved.content).toContain('(一)已完成第一次集中学习。');
    await server.start();
    expect(await reportCount(s)).toBe(before);

    const again = await s.eventually(async () => {
      const sent = s.lc.sendMessage({
        channelId: s.world.channels.unit.id,
        userId: s.userId('liaison'),
        replyTo: reminder.id,
        content: '(一)已完成第一次集中学习。',
      });
      const answer = await s.lc.waitForMessage((m) => m.message_reference?.message_id === sent.id, 8_000);
      return answer.components?.length ? answer : null;
    }, 20_000);
    await s.click('liaison', again, '确认保存').waitForReply();
    await s.eventually(async () => (await reportCount(s)) === before + 1);
  });

  it('answers every command sent across a crash and restart, each either done or “retry”', async () => {
    const s = stack();
    const handles: InteractionHandle[] = [];
    const send = async (count: number) => {
      for (let i = 0; i < count; i += 1) {
        handles.push(s.run(i % 2 ? 'coordinator' : 'liaison', 'tasks'));
        await sleep(100);
      }
    };
    const sending = send(40);
    // A few commands are answered normally first, then the database crashes mid-stream…
    await s.eventually(() => handles.length >= 5 && answered(s, handles[4]!));
    await server.stop('immediate');
    // …and stays down until a command sent during the outage has been told to retry.
    const atCrash = handles.length;
    await s.eventually(() => handles.length > atCrash + 1);
    expect(await answered(s, handles[atCrash + 1]!)).toMatch(RETRY_DATABASE);
    await server.start();
    const afterRestart = handles.length + 1; // the one in flight may still have met the old server
    await sending;
    const texts = await Promise.all(handles.map((h) => answered(s, h)));
    const done = texts.filter((t) => t.includes('年任务'));
    const retry = texts.filter((t) => RETRY_DATABASE.test(t));
    expect(done.length + retry.length, texts.filter((t) => !done.includes(t) && !retry.includes(t)).join('\n---\n')).toBe(handles.length);
    expect(retry.length).toBeGreaterThan(0);
    expect(done.length).toBeGreaterThan(0);
    // Those sent after the restart all went through: the bot recovered by itself.
    expect(texts.slice(afterRestart).length).toBeGreaterThan(0);
    for (const text of texts.slice(afterRestart)) expect(text).toContain('年任务');
    expect(await answered(s, s.run('coordinator', 'tasks'))).toContain('年任务');
  });

  it('delivers the reminders that fell due while the database was down, once each, when it is back', async () => {
    const s = stack();
    await server.stop('fast');
    await s.travelTo('2026-03-24T01:00:00Z'); // before1 of the first quarter: due while the database is away
    // The delivery jobs have run against the missing database, failed and backed off.
    await s.eventually(async () => (await s.queue!.queues.deliveries.getJobs(['delayed', 'failed'])).some((job) => job.attemptsMade > 0), 30_000);
    await server.start();
    const rows = await s.eventually(async () => {
      const found = await s.storage.db.selectFrom('reminder_deliveries').select(['id', 'unit_id', 'status', 'nonce']).where('stage', '=', 'before1').execute();
      return found.length === 3 && found.every((r) => r.status === 'sent') && found;
    }, 60_000);
    // Each reminder is in Discord once, found by the marker in its footer.
    for (const row of rows) expect(postsCarrying(s, deliveryMarker('reminder', row.id, row.nonce))).toBe(1);
    expect(rows.map((r) => r.unit_id).sort()).toEqual(Object.values(county.units).sort());
  }, 90_000);
});
