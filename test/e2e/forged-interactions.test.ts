import type { APIMessage } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { seedCounty, useBotStack, type BotStack, type SeededCounty } from './support/bot-stack.js';

/*
 * A modified client (or a Discord fake less strict than Discord) can send any custom id on a message it
 * sees. The bot checks every id it is handed before it shows anything, and answers every interaction:
 * one it does not recognise is told it is out of date instead of being left to fail.
 */
describe('forged and stale interactions', () => {
  const stack = useBotStack();
  let county: SeededCounty;
  let liaisonMessage: APIMessage;
  let coordinatorMessage: APIMessage;

  const taskId = async (s: BotStack, seq: number) => (await s.storage.db.selectFrom('tasks').select('id').where('seq', '=', seq).executeTakeFirstOrThrow()).id;
  const periodId = async (s: BotStack) =>
    (await s.storage.db.selectFrom('reporting_periods').select('id').where('key', '=', '2026-Q1').executeTakeFirstOrThrow()).id;
  const forged = (s: BotStack, persona: 'liaison' | 'leader' | 'coordinator', message: APIMessage, customId: string) =>
    s.lc.forgeButton({ messageId: message.id, customId, userId: s.userId(persona) });

  /** The county seeded on 2 March, and the liaison's /tasks answer to forge buttons on. */
  const seeded = async () => {
    const s = stack();
    ({ county, liaisonMessage } = await s.once('county', async () => {
      s.clock.set('2026-03-02T01:00:00Z');
      const seededCounty = await seedCounty(s);
      return { county: seededCounty, liaisonMessage: await s.run('liaison', 'tasks').waitForReply() };
    }));
  };

  it('shows a liaison nothing of a task their unit does not answer for, whatever unit the id names', async () => {
    const s = stack();
    await seeded();
    // Task (四) is 区政务服务中心's and 区司法局's; the liaison speaks for 城关镇.
    const four = await taskId(s, 4);
    const q1 = await periodId(s);
    for (const unitId of [county.units.chengguan, county.units.justice]) {
      const handle = forged(s, 'liaison', liaisonMessage, `progress:task:${four}:${unitId}:${q1}`);
      const text = await s.seen(handle);
      expect(handle.state).not.toBe('modal');
      expect(text).not.toContain('案卷评查');
      expect(text).toMatch(/不承担这项任务|只有该单位的联络员/);
    }
    // The liaison's own unit's task opens.
    const own = forged(s, 'liaison', liaisonMessage, `progress:task:${await taskId(s, 1)}:${county.units.chengguan}:${q1}`);
    expect(JSON.stringify(await own.modal())).toContain('填报进展');
  });

  it('refuses a liaison another unit’s task list and a coordinator’s buttons', async () => {
    const s = stack();
    await seeded();
    expect(await s.seen(forged(s, 'liaison', liaisonMessage, `tasks:page:0:${county.units.justice}:0:-`))).toContain('联络员只能查看本单位的任务');
    expect(await s.seen(forged(s, 'liaison', liaisonMessage, `status:nudge:${county.units.justice}:${await periodId(s)}`))).toContain('仅限督办人');
    expect(await s.seen(forged(s, 'liaison', liaisonMessage, 'task:close:1'))).toContain('仅限督办人');
    expect(await s.seen(forged(s, 'liaison', liaisonMessage, 'reminders:retry:r1'))).toContain('仅限督办人');
    expect(await s.seen(forged(s, 'liaison', liaisonMessage, 'audit:page:0:20:0'))).toContain('仅限督办人');
    expect(await s.storage.db.selectFrom('reminder_deliveries').select('id').where('stage', '=', 'nudge').execute()).toEqual([]);
  });

  it('answers a button it does not recognise, instead of leaving it to fail', async () => {
    const s = stack();
    await seeded();
    coordinatorMessage = await s.run('coordinator', 'tasks').waitForReply();
    for (const customId of [
      'ranking:bogus:2026:1',
      'tasks:bogus',
      'audit:bogus',
      'reminders:bogus',
      'status:bogus',
      'notice:bogus:x',
      'unit:bogus',
      'nosuchcommand:page:1',
    ]) {
      const handle = forged(s, 'coordinator', coordinatorMessage, customId);
      expect(await s.seen(handle), customId).toContain('已失效');
    }
  });
});
