import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.js';
import { importNotice } from '../../../src/app/notices/import-notice.js';
import { prepareNoticeImport } from '../../../src/app/notices/prepare-notice-import.js';
import { recordProgress } from '../../../src/app/progress/record-progress.js';
import { buildStatusReport } from '../../../src/app/progress/status-report.js';
import { rankQuarter } from '../../../src/app/ranking/index.js';
import { nudgeUnit } from '../../../src/app/reminders/nudge-unit.js';
import { reconcileReminders } from '../../../src/app/reminders/reconcile-reminders.js';
import { prepareReminder } from '../../../src/app/reminders/reminder-content.js';
import { draftAnnualReport } from '../../../src/app/reports/annual-report.js';
import { setupWorkspace } from '../../../src/app/setup-workspace.js';
import { loadDigest } from '../../../src/app/summary/load-digest.js';
import { closeTask, extendTask, sendBackTask } from '../../../src/app/tasks/task-actions.js';
import { bindUnitLiaison } from '../../../src/app/units/liaison-binding.js';
import { addUnit, setCollective } from '../../../src/app/units/unit-directory.js';
import type { Storage } from '../../../src/db/database.js';
import type { PeriodRecord, Workspace } from '../../../src/ports.js';
import { ManualClock, testAppContext } from '../../support/app-context.js';
import { openMigratedStorage } from '../../support/storage.js';

/*
 * One workspace, every kind of listing, asked the same question — who owes which report, in which
 * role — through every view: /status, the ranking, the reminders (a 催办 lists everything owed), the
 * digest and the annual report. They must agree unit by unit, and with the answer worked out by hand.
 */

const notice = `清河区2026年法治政府建设工作要点

一、加强党的领导
（一）深入学习贯彻习近平法治思想。（区司法局、区发改局负责）
（二）推进基层合法性审核全覆盖。（各镇政府（街道办事处）、区司法局负责）
二、严格规范公正文明执法
（三）推进行政执法规范化建设。（区政府各部门、区司法局负责）
（四）开展“八五”普法中期评估，2026年6月30日前完成。（区教育局、城关镇负责）
（五）完成行政复议规范化建设。（区发改局负责）
`;

const departments = ['区司法局', '区发改局', '区教育局'];
const townships = ['城关镇', '东城街道', '西山镇'];
const coordinator = '900000000000000001';

/** unit name → 'seq:role' owed, as a view answers. */
type Owed = Record<string, string[]>;

const sorted = (owed: Owed): Owed =>
  Object.fromEntries(
    Object.entries(owed)
      .filter(([, list]) => list.length > 0)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([unit, list]) => [unit, [...list].sort()]),
  );

describe('who owes what, by when: one answer in every view', () => {
  let storage: Storage;
  let clock: ManualClock;
  let ctx: AppContext;
  let workspace: Workspace;
  let periods: PeriodRecord[];
  const unitIds = new Map<string, number>();

  const at = (instant: string) => clock.set(instant);
  const period = (key: string) => {
    const found = periods.find((p) => p.key === key);
    if (!found) throw new Error(`no period ${key}`);
    return found;
  };
  const taskId = async (seq: number) => (await ctx.store.tasks.findBySeq(workspace.id, 2026, seq))?.id ?? 0;
  const report = async (when: string, unit: string, seq: number, periodKey: string, status: 'in_progress' | 'done' = 'in_progress') => {
    at(when);
    await recordProgress(ctx, {
      workspaceId: workspace.id,
      unitId: unitIds.get(unit) ?? 0,
      taskId: await taskId(seq),
      periodId: period(periodKey).id,
      actorId: '900000000000000002',
      source: 'command',
      submission: { status, text: `${unit}第${seq}项进展` },
    });
  };

  beforeAll(async () => {
    storage = await openMigratedStorage('postgres');
    clock = new ManualClock(new Date('2026-01-10T02:00:00Z'));
    ctx = testAppContext(storage.db, clock);
    workspace = await ctx.store.workspaces.ensure('170000000000000001', '清河区督办服务器');
    workspace = await setupWorkspace(ctx, { workspaceId: workspace.id, actorId: coordinator, regionName: '清河区' });
    for (const name of departments)
      unitIds.set(name, (await addUnit(ctx, { workspaceId: workspace.id, actorId: coordinator, name, category: 'department' })).id);
    for (const name of townships) unitIds.set(name, (await addUnit(ctx, { workspaceId: workspace.id, actorId: coordinator, name, category: 'township' })).id);
    await setCollective(ctx, { workspaceId: workspace.id, actorId: coordinator, name: '各镇政府（街道办事处）', memberNames: townships });
    await setCollective(ctx, { workspaceId: workspace.id, actorId: coordinator, name: '区政府各部门', memberNames: departments });
    for (const name of [...departments, ...townships]) {
      await bindUnitLiaison(ctx, {
        workspaceId: workspace.id,
        actorId: coordinator,
        unitName: name,
        targetKind: 'channel',
        targetId: String(800000000000000000 + (unitIds.get(name) ?? 0)),
        purpose: 'liaison',
      });
    }
    const { draftId } = await prepareNoticeImport(ctx, { workspaceId: workspace.id, actorId: coordinator, text: notice, sourceKind: 'text', sourceName: null });
    await importNotice(ctx, { workspaceId: workspace.id, actorId: coordinator, draftId });
    periods = await ctx.store.periods.list(workspace.id, 2026);

    // First quarter (due 25 March).
    await report('2026-03-20T02:00:00Z', '区司法局', 1, '2026-Q1');
    await report('2026-03-20T02:00:00Z', '城关镇', 2, '2026-Q1');
    await report('2026-03-20T02:00:00Z', '东城街道', 2, '2026-Q1');
    await report('2026-03-20T02:00:00Z', '区发改局', 3, '2026-Q1');
    await report('2026-03-20T02:00:00Z', '区司法局', 3, '2026-Q1');
    await report('2026-03-20T02:00:00Z', '区教育局', 4, '2026-Q1');
    await report('2026-03-20T02:00:00Z', '区发改局', 5, '2026-Q1', 'done');
    await report('2026-03-28T02:00:00Z', '区发改局', 1, '2026-Q1');
    at('2026-04-02T02:00:00Z');
    await sendBackTask(ctx, { workspaceId: workspace.id, actorId: coordinator, seq: 2, reason: '请写明审核件数', unitName: '东城街道' });
    at('2026-04-05T02:00:00Z');
    await closeTask(ctx, { workspaceId: workspace.id, actorId: coordinator, seq: 5, note: '已通过省级验收' });
    // Second quarter (due 25 June); task (四) gets until 20 July for it.
    at('2026-06-10T02:00:00Z');
    await extendTask(ctx, {
      workspaceId: workspace.id,
      actorId: coordinator,
      seq: 4,
      newDueDate: '2026-07-20',
      reason: '评估方案调整',
      timeZone: 'Asia/Shanghai',
    });
    await reconcileReminders(ctx, workspace.id);
    await report('2026-06-20T02:00:00Z', '区司法局', 1, '2026-Q2');
    await report('2026-06-20T02:00:00Z', '城关镇', 2, '2026-Q2');
    await report('2026-06-20T02:00:00Z', '东城街道', 2, '2026-Q2');
    await report('2026-06-27T02:00:00Z', '区教育局', 4, '2026-Q2');
    at('2026-06-28T02:00:00Z');
  });
  afterAll(async () => {
    await storage?.close();
  });

  const fromStatus = async (key: string): Promise<Owed> => {
    const status = await buildStatusReport(ctx.store, workspace, { periodKey: key, now: clock.now() });
    return sorted(Object.fromEntries(status.missing.map((unit) => [unit.name, unit.owed.map((t) => `${t.seq}:${t.role}`)])));
  };

  const fromRanking = async (quarter: 1 | 2): Promise<Owed> => {
    const ranking = await rankQuarter(ctx, { workspaceId: workspace.id, year: 2026, quarter });
    const owed: Owed = {};
    for (const row of ranking.tasks) if (!row.report || row.report.sentBack) (owed[row.unit.name] ??= []).push(`${row.task.seq}:${row.role}`);
    return sorted(owed);
  };

  const fromReminders = async (key: string): Promise<Owed> => {
    const owed: Owed = {};
    for (const [name, unitId] of unitIds) {
      const nudged = await nudgeUnit(ctx, {
        workspaceId: workspace.id,
        actorId: coordinator,
        unitId,
        periodId: period(key).id,
        timeZone: 'Asia/Shanghai',
      }).catch((error: { code?: string }) => {
        if (error.code === 'nothing_owed') return null;
        throw error;
      });
      if (!nudged) continue;
      const prepared = await prepareReminder(ctx.store, nudged.deliveryId, clock.now());
      if (prepared.kind !== 'send') throw new Error(`reminder for ${name} not sent: ${prepared.reason}`);
      owed[name] = prepared.content.tasks.map((t) => `${t.seq}:${t.role}`);
    }
    return sorted(owed);
  };

  const firstQuarter: Owed = {
    东城街道: ['2:lead'],
    区司法局: ['2:support'],
    区教育局: ['3:lead'],
    城关镇: ['4:support'],
    西山镇: ['2:lead'],
  };
  const secondQuarter: Owed = {
    区发改局: ['1:support', '3:lead'],
    区司法局: ['2:support', '3:support'],
    区教育局: ['3:lead'],
    城关镇: ['4:support'],
    西山镇: ['2:lead'],
  };

  it('gives the first quarter’s answer in /status, the ranking and the reminders: sent back is owed, a closed task’s earlier report still counts', async () => {
    expect(await fromStatus('2026-Q1')).toEqual(sorted(firstQuarter));
    expect(await fromRanking(1)).toEqual(sorted(firstQuarter));
    expect(await fromReminders('2026-Q1')).toEqual(sorted(firstQuarter));
  });

  it('gives the second quarter’s answer in /status, the ranking, the reminders and the digest: a task closed before it asks nothing', async () => {
    expect(await fromStatus('2026-Q2')).toEqual(sorted(secondQuarter));
    expect(await fromRanking(2)).toEqual(sorted(secondQuarter));
    expect(await fromReminders('2026-Q2')).toEqual(sorted(secondQuarter));
    const digest = await loadDigest(ctx, workspace.id, new Date('2026-06-21T00:00:00Z'));
    const seqOf = new Map((await ctx.store.cycle.loadTasks(workspace.id, 2026)).map((t) => [t.id, t.seq]));
    const owed = Object.fromEntries(digest?.digest.unitsNotReported.map((u) => [u.name, u.pendingTasks.map((t) => `${seqOf.get(t.taskId)}:${t.role}`)]) ?? []);
    expect(sorted(owed)).toEqual(sorted(secondQuarter));
    // Headed with the district set in /setup, for the notice's year.
    expect(digest?.workspaceName).toBe('清河区');
    expect(digest?.periodLabel).toContain('2026年第二季度');
  });

  it('takes a unit named directly as 配合 inside a leading collective as 配合 everywhere', async () => {
    const ranking = await rankQuarter(ctx, { workspaceId: workspace.id, year: 2026, quarter: 2 });
    expect(ranking.tasks.filter((row) => row.task.seq === 3).map((row) => [row.unit.name, row.role])).toEqual([
      ['区发改局', 'lead'],
      ['区教育局', 'lead'],
      ['区司法局', 'support'],
    ]);
  });

  it('moves only the one report an extension covers, so a report before the new date is on time and only one period is re-planned', async () => {
    const ranking = await rankQuarter(ctx, { workspaceId: workspace.id, year: 2026, quarter: 2 });
    const extended = ranking.tasks.find((row) => row.task.seq === 4 && row.unit.name === '区教育局');
    expect(extended?.report).toMatchObject({ late: false, status: 'in_progress', sentBack: false });
    const rows = await ctx.store.reminders.listPlanned(
      workspace.id,
      periods.map((p) => p.id),
    );
    const moved = rows.filter((row) => row.occasion === 'e2026-07-20');
    expect(new Set(moved.map((row) => row.periodId))).toEqual(new Set([period('2026-Q2').id]));
    expect(new Set(moved.map((row) => row.unitId))).toEqual(new Set([unitIds.get('区教育局'), unitIds.get('城关镇')]));
    // One reminder per unit and stage for the new date, not one per quarter.
    expect(moved.length).toBe(new Set(moved.map((row) => `${row.unitId}:${row.stage}`)).size);
  });

  it('names in the annual report the units that owed a report and never sent one, and the closed task with its note', async () => {
    const draft = await draftAnnualReport(ctx, { workspaceId: workspace.id, year: 2026 });
    const tasks = draft.work.sections.flatMap((section) => section.tasks);
    expect(Object.fromEntries(tasks.map((task) => [task.label, task.silentUnitNames]))).toEqual({
      '（一）': [],
      '（二）': ['西山镇', '区司法局'],
      '（三）': ['区教育局'],
      '（四）': ['城关镇'],
      '（五）': [],
    });
    expect(tasks.find((task) => task.label === '（五）')).toMatchObject({ done: true, closing: { on: '2026-04-05', note: '已通过省级验收' } });
  });

  it('never scores a unit better for not reporting', async () => {
    const q1 = await rankQuarter(ctx, { workspaceId: workspace.id, year: 2026, quarter: 1 });
    const xishan = q1.units.find((u) => u.name === '西山镇');
    const chengguan = q1.units.find((u) => u.name === '城关镇');
    expect(xishan?.rank).not.toBeNull();
    expect(xishan?.stats.missing).toBe(1);
    expect(xishan?.score).toBeLessThan(chengguan?.score ?? 0);
  });

  it('loads one unit’s tasks with the same listings the whole cycle gives that unit, collectives expanded', async () => {
    const whole = await ctx.store.cycle.loadTasks(workspace.id, 2026);
    for (const [name, unitId] of unitIds) {
      const own = await ctx.store.cycle.loadTasks(workspace.id, 2026, { unitIds: [unitId] });
      const expected = whole
        .map((task) => ({ seq: task.seq, led: task.led, listings: task.listings.filter((listing) => listing.unitId === unitId) }))
        .filter((task) => task.listings.length > 0);
      expect(
        own.map((task) => ({ seq: task.seq, led: task.led, listings: task.listings })),
        name,
      ).toEqual(expected);
    }
    // Two units at once: each task carries exactly both units' listings.
    const pair = [unitIds.get('城关镇') ?? 0, unitIds.get('区司法局') ?? 0];
    const both = await ctx.store.cycle.loadTasks(workspace.id, 2026, { unitIds: pair });
    expect(both.map((task) => [task.seq, task.listings.map((l) => l.unitId).sort()])).toEqual(
      whole
        .map(
          (task) =>
            [
              task.seq,
              task.listings
                .map((l) => l.unitId)
                .filter((id) => pair.includes(id))
                .sort(),
            ] as const,
        )
        .filter(([, ids]) => ids.length > 0),
    );
  });
});
