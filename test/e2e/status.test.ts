import { describe, expect, it } from 'vitest';
import { recordProgress } from '../../src/app/progress/record-progress.js';
import { nudgeUnit } from '../../src/app/reminders/nudge-unit.js';
import { unbindUnitLiaison, bindUnitLiaison } from '../../src/app/units/liaison-binding.js';
import { renderMessageText } from '../../src/sandbox/render-message.js';
import { seedCounty, useBotStack, type BotStack, type SeededCounty } from './support/bot-stack.js';

describe("the coordinator's /status, 催办, 办结, 退回, 延期 and /reminders", () => {
  const stack = useBotStack({ queue: true });
  let county: SeededCounty;
  let periodId: number;

  const taskId = async (s: BotStack, seq: number) => (await s.storage.db.selectFrom('tasks').select('id').where('seq', '=', seq).executeTakeFirstOrThrow()).id;

  /** The county seeded on 2 March, on 26 March (the day after Q1's due date), with 区政务服务中心's (四) reported blocked. */
  const overdue = async () => {
    const s = stack();
    ({ county, periodId } = await s.once('overdue', async () => {
      s.clock.set('2026-03-02T01:00:00Z');
      const seeded = await seedCounty(s);
      await s.eventually(() => s.storage.db.selectFrom('reminder_deliveries').select('id').where('stage', '=', 'after1').executeTakeFirst());
      const q1 = (await s.storage.db.selectFrom('reporting_periods').select('id').where('key', '=', '2026-Q1').executeTakeFirstOrThrow()).id;
      await s.travelTo('2026-03-26T02:00:00Z');
      await recordProgress(s.app, {
        workspaceId: seeded.workspaceId,
        unitId: seeded.units.service,
        taskId: await taskId(s, 4),
        periodId: q1,
        actorId: seeded.dmLiaison,
        source: 'command',
        submission: { status: 'blocked', text: '评查系统尚未上线,无法推进。' },
      });
      return { county: seeded, periodId: q1 };
    }));
  };
  /** Task 2 extended (延期) to 30 April by the coordinator; what they were told. */
  const extended = async () => {
    const s = stack();
    await overdue();
    return s.once('extended', async () => {
      const view = await s.run('coordinator', 'task show', { number: '2' }).waitForReply();
      const opened = s.click('coordinator', view, '延期');
      await opened.modal();
      return s.seen(s.lc.submitModal({ userId: s.userId('coordinator'), from: opened, fields: { date: '2026-04-30', reason: '示范村评定推迟' } }));
    });
  };

  it('lists who has not reported, what is overdue and what is blocked', async () => {
    const s = stack();
    await overdue();
    const text = await s.seen(s.run('coordinator', 'status'));
    expect(text).toContain('2026年第一季度报送情况(截止 2026-03-25)');
    expect(text).toMatch(/🔴 \*\*城关镇\*\*:尚欠 3\/3 项(.*)· 已逾期/);
    expect(text).toContain('**区司法局**');
    expect(text).not.toContain('**区政务服务中心**');
    expect(text).toMatch(/逾期任务\(4\)/);
    expect(text).toContain('第 4 项 （四）(区政务服务中心):评查系统尚未上线');
    expect(text).toContain('催办 城关镇');

    expect(await s.seen(s.run('leader', 'status'))).not.toContain('催办 城关镇');
    expect(await s.seen(s.run('liaison', 'status'))).toContain('仅限督办人和领导');
  });

  it('sends one nudge now with 催办, and refuses a second the same day', async () => {
    const s = stack();
    await overdue();
    const view = await s.run('coordinator', 'status').waitForReply();
    const updated = await s.seen(s.click('coordinator', view, '催办 城关镇'));
    expect(updated).toContain('✅ 已向“城关镇”发出催办');
    expect(updated).toContain('今日已催办');
    const nudge = await s.lc.waitForMessage((m) => m.channel_id === s.world.channels.unit.id && (m.embeds[0]?.title ?? '').startsWith('【催办】'), 10_000);
    expect(renderMessageText(nudge)).toContain('（一）');
    await expect(
      nudgeUnit(s.app, {
        workspaceId: county.workspaceId,
        actorId: s.userId('coordinator'),
        unitId: county.units.chengguan,
        periodId,
        timeZone: 'Asia/Shanghai',
      }),
    ).rejects.toThrow('今天已经催办过“城关镇”');
    const rows = await s.storage.db.selectFrom('reminder_deliveries').select(['status', 'occasion']).where('stage', '=', 'nudge').execute();
    expect(rows).toEqual([{ status: 'sent', occasion: '2026-03-26' }]);
  });

  it('closes a task (办结), telling its unit; later periods no longer ask for it', async () => {
    const s = stack();
    await overdue();
    const view = await s.run('coordinator', 'task show', { number: '3' }).waitForReply();
    expect(await s.seen(s.run('liaison', 'task show', { number: '3' }))).not.toContain('办结');
    const opened = s.click('coordinator', view, '办结');
    await opened.modal();
    const reply = await s.seen(s.lc.submitModal({ userId: s.userId('coordinator'), from: opened, fields: { note: '已全面完成' } }));
    expect(reply).toContain('已办结第 3 项');
    const notice = await s.lc.waitForMessage((m) => m.channel_id === s.world.channels.unit.id && (m.embeds[0]?.title ?? '') === '任务已办结:第 3 项', 10_000);
    expect(notice.embeds[0]?.description).toContain('说明:已全面完成');
    expect(notice.embeds[0]?.description).toContain('此后各报送周期不再要求报送该任务的进展');
    // The first quarter's report fell due before the task was closed: it stays owed (and may still come in).
    expect(await s.seen(s.run('coordinator', 'status'))).toMatch(/城关镇\*\*:尚欠 3\/3 项/);
    // Later quarters no longer ask for it.
    expect(await s.seen(s.run('coordinator', 'status', { period: '2026-Q2' }))).toMatch(/城关镇\*\*:尚欠 2\/2 项/);
  });

  it('sends a report back (退回) with the reason; the unit owes it again', async () => {
    const s = stack();
    await overdue();
    await recordProgress(s.app, {
      workspaceId: county.workspaceId,
      unitId: county.units.chengguan,
      taskId: await taskId(s, 1),
      periodId,
      actorId: s.userId('liaison'),
      source: 'command',
      submission: { status: 'done', text: '已完成。' },
    });
    expect(await s.seen(s.run('coordinator', 'status'))).toMatch(/城关镇\*\*:尚欠 2\/3 项/);
    const view = await s.run('coordinator', 'task show', { number: '1' }).waitForReply();
    const opened = s.click('coordinator', view, '退回');
    await opened.modal();
    const reply = await s.seen(
      s.lc.submitModal({ userId: s.userId('coordinator'), from: opened, fields: { reason: '未写明学习次数和参加人数,请补充。', unit: ['城关镇'] } }),
    );
    expect(reply).toContain('已退回“城关镇”');
    const notice = await s.lc.waitForMessage((m) => (m.embeds[0]?.title ?? '') === '进展被退回:第 1 项', 10_000);
    expect(notice.channel_id).toBe(s.world.channels.unit.id);
    expect(notice.embeds[0]?.description).toContain('退回理由:未写明学习次数和参加人数,请补充。');
    expect(await s.seen(s.run('coordinator', 'status'))).toMatch(/城关镇\*\*:尚欠 3\/3 项/);
    const report = await s.storage.db
      .selectFrom('progress_reports')
      .select(['sent_back_reason'])
      .where('task_id', '=', await taskId(s, 1))
      .where('unit_id', '=', county.units.chengguan)
      .executeTakeFirstOrThrow();
    expect(report.sent_back_reason).toBe('未写明学习次数和参加人数,请补充。');
  });

  it('extends a task (延期): its units are told and its reminders move to the new date', async () => {
    const s = stack();
    const reply = await extended();
    expect(reply).toContain('截止日期延至 2026-04-30');
    await s.lc.waitForMessage((m) => m.channel_id === s.world.channels.unit.id && (m.embeds[0]?.title ?? '') === '任务已延期:第 2 项', 10_000);
    // 区司法局's liaison refuses DMs: the notice goes to the coordinators' channel, saying so.
    const fallback = await s.lc.waitForMessage(
      (m) => m.channel_id === s.world.channels.summary.id && (m.embeds[0]?.title ?? '') === '任务已延期:第 2 项',
      10_000,
    );
    expect(fallback.embeds[0]?.description).toContain('私信无法送达');
    const moved = await s.eventually(async () => {
      const rows = await s.storage.db
        .selectFrom('reminder_deliveries')
        .select(['unit_id', 'stage', 'fire_at', 'period_id'])
        .where('occasion', '=', 'e2026-04-30')
        .where('status', '=', 'pending')
        .orderBy('fire_at')
        .execute();
      return rows.length > 0 && rows;
    });
    // The extension moves the one report it covers (the first quarter's), not every quarter's.
    expect(new Set(moved.map((r) => r.period_id))).toEqual(new Set([periodId]));
    expect(moved.filter((r) => r.unit_id === county.units.chengguan).map((r) => [r.stage, r.fire_at.toISOString()])).toEqual([
      ['before5', '2026-04-23T01:00:00.000Z'],
      ['before1', '2026-04-29T01:00:00.000Z'],
      ['due', '2026-04-30T01:00:00.000Z'],
      ['after1', '2026-05-06T01:00:00.000Z'],
      ['after3', '2026-05-08T01:00:00.000Z'],
    ]);
    // The first quarter's report on task 2 is now due on 30 April: owed, but no longer overdue.
    const status = await s.seen(s.run('coordinator', 'status'));
    expect(status).toMatch(/逾期任务\(3\)/);
    expect(status).not.toContain('第 2 项 （二）推进基层法治建设');
  });

  it('lists a delivery that cannot go out, and sends it when retried after the cause is fixed', async () => {
    const s = stack();
    await overdue();
    const unbind = {
      workspaceId: county.workspaceId,
      actorId: s.userId('coordinator'),
      unitName: '区政务服务中心',
      targetKind: 'user' as const,
      targetId: county.dmLiaison,
      purpose: 'liaison' as const,
    };
    await unbindUnitLiaison(s.app, unbind);
    await s.storage.db
      .updateTable('progress_reports')
      .set({ sent_back_at: new Date(), sent_back_reason: '请补充' })
      .where('unit_id', '=', county.units.service)
      .execute();
    await nudgeUnit(s.app, {
      workspaceId: county.workspaceId,
      actorId: s.userId('coordinator'),
      unitId: county.units.service,
      periodId,
      timeZone: 'Asia/Shanghai',
    });
    await s.eventually(() =>
      s.storage.db
        .selectFrom('reminder_deliveries')
        .select('id')
        .where('unit_id', '=', county.units.service)
        .where('stage', '=', 'nudge')
        .where('status', '=', 'failed')
        .executeTakeFirst(),
    );
    const list = await s.run('coordinator', 'reminders failed').waitForReply();
    expect(renderMessageText(list)).toContain('区政务服务中心 · 2026年第一季度 · 催办提醒');
    expect(renderMessageText(list)).toContain('尚未绑定联络员');
    await bindUnitLiaison(s.app, unbind);
    const retried = await s.seen(s.click('coordinator', list, '重试 1'));
    expect(retried).toContain('已重新排入发送队列');
    const dm = s.lc.dmChannelId(county.dmLiaison);
    await s.lc.waitForMessage((m) => m.channel_id === dm && (m.embeds[0]?.title ?? '').startsWith('【催办】'), 10_000);
  });

  it('shows and edits the reminder plan; pending reminders follow the new time', async () => {
    const s = stack();
    await extended();
    const shown = await s.seen(s.run('leader', 'reminders show'));
    expect(shown).toContain('按季度');
    expect(shown).toContain('09:00(Asia/Shanghai)');
    // Typed with a Chinese input method: full-width digits and colon.
    const set = await s.seen(s.run('coordinator', 'reminders set', { time: '１０：３０' }));
    expect(set).toContain('提醒计划已更新');
    expect(set).toContain('10:30');
    const rows = await s.eventually(async () => {
      const found = await s.storage.db
        .selectFrom('reminder_deliveries')
        .select('fire_at')
        .where('occasion', '=', 'e2026-04-30')
        .where('stage', '=', 'due')
        .where('status', '=', 'pending')
        .execute();
      return found.length > 0 && found.every((r) => r.fire_at.toISOString() === '2026-04-30T02:30:00.000Z') && found;
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(await s.seen(s.run('liaison', 'reminders set', { time: '08:00' }))).toContain('此操作仅限督办人');
  });

  it('loads a calendar file for a year the holiday package does not cover', async () => {
    const s = stack();
    await overdue();
    const before = await s.seen(s.run('coordinator', 'reminders show'));
    expect(before).not.toContain('2027年的节假日数据尚未收录');
    const file = ['year,2027', '2027-10-01~2027-10-07,放假', '2027-10-09,调休上班'].join('\n');
    const text = await s.seen(
      s.run('coordinator', 'reminders calendar', { file: { filename: '2027.txt', bytes: Buffer.from(file), contentType: 'text/plain' } }),
    );
    expect(text).toContain('已导入 2027 年节假日安排:放假 7 天,调休上班 1 天');
    expect(text).toContain('此前 2027 年没有节假日数据');
    const bad = await s.seen(
      s.run('coordinator', 'reminders calendar', { file: { filename: 'bad.txt', bytes: Buffer.from('2027-13-01,放假'), contentType: 'text/plain' } }),
    );
    expect(bad).toContain('日历文件有误');
  });
});
