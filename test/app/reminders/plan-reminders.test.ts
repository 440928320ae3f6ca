import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendarFile } from '../../../src/app/calendar/load-calendar-file.js';
import type { AppContext } from '../../../src/app/context.js';
import { importNotice } from '../../../src/app/notices/import-notice.js';
import { prepareNoticeImport } from '../../../src/app/notices/prepare-notice-import.js';
import { reconcileReminders } from '../../../src/app/reminders/reconcile-reminders.js';
import { updateReminderPlan } from '../../../src/app/reminders/reminder-settings.js';
import type { Storage } from '../../../src/db/database.js';
import { ManualClock, testAppContext } from '../../support/app-context.js';
import { openMigratedStorage } from '../../support/storage.js';

const notice = (year: number) => `清河区${year}年法治政府建设工作要点

一、加强党的领导
（一）深入学习贯彻习近平法治思想。（城关镇、区司法局负责）
（二）开展行政执法案卷评查。（区司法局负责）
`;

async function createWorkspace(ctx: AppContext, guildId: string, year: number): Promise<number> {
  const workspace = await ctx.store.workspaces.ensure(guildId, `清河区${guildId.slice(-1)}`);
  const { draftId } = await prepareNoticeImport(ctx, { workspaceId: workspace.id, actorId: '1', text: notice(year), sourceKind: 'text', sourceName: null });
  await importNotice(ctx, { workspaceId: workspace.id, actorId: '1', draftId });
  return workspace.id;
}

describe('planning reminders through the app layer', () => {
  let storage: Storage;
  let clock: ManualClock;
  let ctx: AppContext;

  const planOf = async (workspaceId: number, periodKey: string, unitName: string) =>
    (
      await storage.db
        .selectFrom('reminder_deliveries')
        .innerJoin('reporting_periods', 'reporting_periods.id', 'reminder_deliveries.period_id')
        .innerJoin('units', 'units.id', 'reminder_deliveries.unit_id')
        .select(['reminder_deliveries.stage', 'reminder_deliveries.fire_at', 'reminder_deliveries.audience', 'reminder_deliveries.status'])
        .where('reminder_deliveries.workspace_id', '=', workspaceId)
        .where('reporting_periods.key', '=', periodKey)
        .where('units.name', '=', unitName)
        .where('reminder_deliveries.status', '=', 'pending')
        .orderBy('reminder_deliveries.fire_at')
        .execute()
    ).map((r) => `${r.stage} ${r.fire_at.toISOString().slice(0, 16)} ${r.audience}`);

  beforeAll(async () => {
    storage = await openMigratedStorage('postgres');
    clock = new ManualClock(new Date('2026-09-20T00:00:00Z'));
    ctx = testAppContext(storage.db, clock);
  });
  afterAll(async () => {
    await storage?.close();
  });

  it('moves a stage off the National Day holidays, keeps one per day, and escalates on the 调休 Saturday', async () => {
    const workspaceId = await createWorkspace(ctx, '130000000000000001', 2026);
    // Monthly periods due on the 5th: October's due date, 5 October, is inside the holiday.
    await updateReminderPlan(ctx, { workspaceId, actorId: '1', changes: { cadence: 'monthly', dueDay: 5 } });
    const result = await reconcileReminders(ctx, workspaceId);
    expect(result.periods).toContain('2026-M10');
    expect(await planOf(workspaceId, '2026-M10', '城关镇')).toEqual([
      'before5 2026-09-23T01:00 liaison',
      // The due date is a holiday: the due-date stage moves to the last workday before it, where it
      // replaces the one-workday-before stage (one reminder per unit per day).
      'due 2026-09-30T01:00 liaison',
      'after1 2026-10-08T01:00 liaison',
      // Saturday 10 October is a make-up workday (调休), so the escalation goes out that day.
      'after3 2026-10-10T01:00 escalation',
    ]);
    expect(result.coverageNotices).toEqual([]);
  });

  it('lists the supporting unit too, one row per unit and stage', async () => {
    const rows = await storage.db.selectFrom('reminder_deliveries').select(['unit_id', 'period_id', 'stage']).where('stage', '=', 'due').execute();
    const keys = rows.map((r) => `${r.unit_id}|${r.period_id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(await planOf((await storage.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id, '2026-M10', '区司法局')).toHaveLength(4);
  });

  it('re-plans without duplicating, and moves pending reminders when the time changes', async () => {
    const workspaceId = (await storage.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
    const before = await storage.db.selectFrom('reminder_deliveries').select('id').execute();
    const again = await reconcileReminders(ctx, workspaceId);
    expect(again.inserted).toBe(0);
    expect((await storage.db.selectFrom('reminder_deliveries').select('id').execute()).length).toBe(before.length);
    await updateReminderPlan(ctx, { workspaceId, actorId: '1', changes: { time: '14:00' } });
    const moved = await reconcileReminders(ctx, workspaceId);
    expect(moved.moved).toBeGreaterThan(0);
    expect((await planOf(workspaceId, '2026-M10', '城关镇'))[1]).toBe('due 2026-09-30T06:00 liaison');
  });

  it('skips a stage whose time passed long ago instead of sending it late', async () => {
    const workspaceId = (await storage.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
    clock.set('2026-10-08T12:00:00Z');
    const result = await reconcileReminders(ctx, workspaceId);
    expect(result.skipped).toBeGreaterThan(0);
    const stages = await storage.db
      .selectFrom('reminder_deliveries')
      .innerJoin('reporting_periods', 'reporting_periods.id', 'reminder_deliveries.period_id')
      .select(['stage', 'status', 'last_error'])
      .where('reporting_periods.key', '=', '2026-M10')
      .where('unit_id', '=', (await storage.db.selectFrom('units').select('id').where('name', '=', '城关镇').executeTakeFirstOrThrow()).id)
      .orderBy('fire_at')
      .execute();
    // 8 October's after1 (14:00 local) is under 12 hours old: it still goes. The earlier ones were missed.
    expect(stages.map((s) => `${s.stage}:${s.status}`)).toEqual(['before5:skipped', 'due:skipped', 'after1:pending', 'after3:pending']);
    expect(stages[0]?.last_error).toContain('错过了发送时间');
    clock.set('2026-09-20T00:00:00Z');
  });

  it('falls back to weekends for a year without holiday data, tells the coordinators, and follows a loaded calendar file', async () => {
    clock.set('2027-03-01T00:00:00Z');
    const workspaceId = await createWorkspace(ctx, '130000000000000002', 2027);
    await storage.db.updateTable('workspaces').set({ summary_channel_id: '140000000000000001' }).where('id', '=', workspaceId).execute();
    const result = await reconcileReminders(ctx, workspaceId);
    expect(result.coverageNotices).toEqual(['2027年的节假日数据尚未收录，提醒日期仅按周末推算；可用 /提醒 节假日 导入节假日安排。']);
    const told = await storage.db.selectFrom('outbound_messages').select(['kind', 'audience', 'payload']).where('workspace_id', '=', workspaceId).execute();
    expect(told).toEqual([{ kind: 'calendar_coverage', audience: 'coordinators', payload: expect.objectContaining({ title: '2027年节假日数据缺失' }) }]);
    await reconcileReminders(ctx, workspaceId);
    expect(await storage.db.selectFrom('outbound_messages').select('id').where('workspace_id', '=', workspaceId).execute()).toHaveLength(1);
    expect((await planOf(workspaceId, '2027-Q1', '城关镇'))[2]).toBe('due 2027-03-25T01:00 liaison');

    // A local arrangement: 25 March 2027 off, Saturday 27 March worked instead.
    await loadCalendarFile(ctx, { workspaceId, actorId: '1', text: 'year,2027\n2027-03-25,放假\n2027-03-27,调休上班' });
    const replanned = await reconcileReminders(ctx, workspaceId);
    expect(replanned.coverageNotices).toEqual(['2027年的节假日按导入的日历安排推算。']);
    expect(await planOf(workspaceId, '2027-Q1', '城关镇')).toEqual([
      'before5 2027-03-18T01:00 liaison',
      'due 2027-03-24T01:00 liaison',
      'after1 2027-03-26T01:00 liaison',
      // Counting workdays after the due date, the make-up Saturday 27 March is one of them.
      'after3 2027-03-29T01:00 escalation',
    ]);
    clock.set('2026-09-20T00:00:00Z');
  });
});
