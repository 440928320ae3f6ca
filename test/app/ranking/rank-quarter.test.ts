import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.js';
import { ledgerStatusLabel, loadQuarterScoringInput, rankQuarter, toScoreInput, taskRoleLabels, type RankingReport } from '../../../src/app/ranking/index.js';
import type { Storage } from '../../../src/db/database.js';
import { UserError } from '../../../src/errors.js';
import { testAppContext } from '../../support/app-context.js';
import { openMigratedStorage, storageKinds } from '../../support/storage.js';
import { seedRankingWorkspace, unitNames, type SeededWorkspace } from './seed-ranking-workspace.js';

const names = (entries: readonly { name: string }[]) => entries.map((entry) => entry.name);
const unitOf = (report: RankingReport, name: string) => {
  const unit = report.units.find((u) => u.name === name);
  if (!unit) throw new Error(`no unit ${name}`);
  return unit;
};

describe.each(storageKinds)('rankQuarter on %s', (kind) => {
  let storage: Storage;
  let ctx: AppContext;
  let seeded: SeededWorkspace;
  let q1: RankingReport;

  beforeAll(async () => {
    storage = await openMigratedStorage(kind);
    ctx = testAppContext(storage.db);
    seeded = await seedRankingWorkspace(storage.db);
    q1 = await rankQuarter(ctx, { workspaceId: seeded.workspaceId, year: 2026, quarter: 1 });
  });
  afterAll(async () => {
    await storage?.close();
  });

  it('ranks departments and townships separately, highest score first', () => {
    expect(names(q1.ranking.department)).toEqual([unitNames.development, unitNames.labour, unitNames.education, unitNames.justice]);
    expect(q1.ranking.department.map((e) => e.score)).toEqual([103, 100.15, 98, 95.5]);
    expect(q1.ranking.township.map((e) => [e.name, e.score, e.rank])).toEqual([
      [unitNames.donghu, 103.05, 1],
      [unitNames.beiling, 101.8, 2],
      [unitNames.nanqiao, 101.8, 2],
      [unitNames.xishan, 85, 4],
    ]);
    expect(q1.title).toBe('2026年第一季度考核排名');
  });

  it('shares a rank between units tied on score, missing reports and tasks done, listing them by name', () => {
    const tied = q1.ranking.township.filter((entry) => entry.tied);
    expect(names(tied)).toEqual([unitNames.beiling, unitNames.nanqiao]);
    expect(q1.ranking.township.find((e) => e.name === unitNames.donghu)?.tied).toBe(false);
  });

  it('explains every score with items that add up to it exactly', () => {
    for (const unit of q1.units) {
      const sum = unit.breakdown.reduce((total, item) => total + Math.round(item.points * 100), 0);
      expect(sum, unit.name).toBe(Math.round(unit.score * 100));
    }
    const development = unitOf(q1, unitNames.development);
    expect(development.breakdown.map((item) => item.kind)).toEqual(['base', 'late', 'progress', 'done_on_time', 'rating']);
    expect(development.breakdown.find((item) => item.kind === 'late')).toMatchObject({ points: -1.5, taskLabel: '（一）' });
    const education = unitOf(q1, unitNames.education);
    expect(education.breakdown.find((item) => item.kind === 'bonus')).toMatchObject({ points: 3, reason: '加分：承办全市法治政府建设现场会' });
    expect(education.breakdown.find((item) => item.kind === 'perfunctory')?.points).toBe(-5);
  });

  it('expands a collective name into its members, supporting unless it answers for the task itself', () => {
    const xishan = unitOf(q1, unitNames.xishan);
    expect(xishan.breakdown.filter((item) => item.kind === 'missing').map((item) => [item.taskLabel, item.points])).toEqual([
      ['（一）', -5],
      ['（五）', -10],
    ]);
    expect(xishan.stats).toMatchObject({ tasks: 2, leadTasks: 1, supportTasks: 1, missing: 2 });
    const donghu = unitOf(q1, unitNames.donghu);
    expect(donghu.stats).toMatchObject({ tasks: 3, leadTasks: 2, supportTasks: 1, done: 1, doneOnTime: 1 });
  });

  it('scores a supporting-only unit at the supporting weight', () => {
    const labour = unitOf(q1, unitNames.labour);
    expect(labour.stats).toMatchObject({ tasks: 2, leadTasks: 0, supportTasks: 2 });
    expect(labour.breakdown.filter((item) => item.kind === 'progress').map((item) => item.points)).toEqual([0.15]);
    expect(labour.rank).toBe(2);
  });

  it('leaves a unit with no tasks unranked, with the reason', () => {
    const finance = unitOf(q1, unitNames.finance);
    expect(finance).toMatchObject({ rank: null, unrankedReason: '本期没有考核任务，不参加排名' });
    expect(q1.ranking.unranked.map((u) => u.name)).toEqual([unitNames.finance]);
    expect(q1.units.at(-1)?.name).toBe(unitNames.finance);
  });

  it('does not make anyone owe a report for a task added after the quarter was due', () => {
    expect(q1.tasks.some((row) => row.task.label === '（六）')).toBe(false);
    expect(unitOf(q1, unitNames.education).stats.tasks).toBe(1);
  });

  it('lists every unit’s part in every task, with 未报送 where nothing came in', () => {
    expect(q1.totals).toEqual({ units: 9, ranked: 8, tasks: 5, reports: 13, missing: 3 });
    const missing = q1.tasks.filter((row) => row.report === null).map((row) => `${row.task.label}${row.unit.name}`);
    expect(missing).toEqual(['（一）西山镇', '（三）区司法局', '（五）西山镇']);
    const late = q1.tasks.find((row) => row.report?.late);
    expect(late?.unit.name).toBe(unitNames.development);
    expect(late && [ledgerStatusLabel(late.report), taskRoleLabels[late.role], late.report?.submittedAt.toISOString()]).toEqual([
      '已完成',
      '配合',
      '2026-03-28T02:00:00.000Z',
    ]);
    expect(q1.tasks.filter((row) => row.task.label === '（一）').map((row) => row.unit.name)).toEqual([
      unitNames.justice,
      unitNames.development,
      unitNames.donghu,
      unitNames.xishan,
      unitNames.nanqiao,
      unitNames.beiling,
    ]);
  });

  it('puts the reports’ text in the ledger only when asked, as scoring never reads it', async () => {
    expect(q1.tasks.every((row) => row.report?.text == null)).toBe(true);
    const withText = await rankQuarter(ctx, { workspaceId: seeded.workspaceId, year: 2026, quarter: 1, withReportText: true });
    expect(withText.tasks.find((row) => row.unit.name === unitNames.justice && row.task.label === '（一）')?.report?.text).toBe('组织专题学习3次');
    expect(withText.units.map((u) => u.score)).toEqual(q1.units.map((u) => u.score));
  });

  it('ranks one category when asked', async () => {
    const townships = await rankQuarter(ctx, { workspaceId: seeded.workspaceId, year: 2026, quarter: 1, category: 'township' });
    expect(townships.ranking.department).toEqual([]);
    expect(townships.units.map((u) => u.category)).toEqual(['township', 'township', 'township', 'township']);
    expect(townships.tasks.every((row) => row.unit.category === 'township')).toBe(true);
    expect(townships.title).toBe('2026年第一季度考核排名（镇街）');
  });

  it('scores a quarter with no reports as every owed report missing', async () => {
    const q2 = await rankQuarter(ctx, { workspaceId: seeded.workspaceId, year: 2026, quarter: 2 });
    expect(q2.totals.reports).toBe(0);
    for (const unit of q2.units.filter((u) => u.rank !== null)) expect(unit.stats.reported, unit.name).toBe(0);
    expect(unitOf(q2, unitNames.justice).score).toBe(85);
    expect(unitOf(q2, unitNames.education).stats.tasks).toBe(2); // （三） and the May task （六）
    expect(unitOf(q2, unitNames.education).score).toBe(80);
  });

  it('says in Chinese that a quarter cannot be ranked when the workspace reports monthly', async () => {
    const monthly = await seedRankingWorkspace(storage.db, '120000000000000699');
    await storage.db
      .updateTable('workspaces')
      .set({ reporting_cadence: JSON.stringify({ cadence: 'monthly' }) })
      .where('id', '=', monthly.workspaceId)
      .execute();
    const attempt = rankQuarter(ctx, { workspaceId: monthly.workspaceId, year: 2026, quarter: 3 });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toMatchObject({ code: 'period_not_found', message: expect.stringContaining('2026年第三季度的报送周期尚未建立') });
  });

  it('rejects a bad quarter and an unknown workspace with clear messages', async () => {
    await expect(rankQuarter(ctx, { workspaceId: seeded.workspaceId, year: 2026, quarter: 5 as 1 })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(rankQuarter(ctx, { workspaceId: 999_999, year: 2026, quarter: 1 })).rejects.toMatchObject({ code: 'unknown_workspace' });
  });

  it('keeps a snapshot when asked to save', async () => {
    const saved = await rankQuarter(ctx, { workspaceId: seeded.workspaceId, year: 2026, quarter: 1, save: { actorId: '42' } });
    expect(saved.snapshotId).toEqual(expect.any(Number));
    const row = await storage.db
      .selectFrom('ranking_snapshots')
      .selectAll()
      .where('id', '=', saved.snapshotId ?? 0)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ workspace_id: seeded.workspaceId, year: 2026, quarter: 1, created_by: '42' });
    expect((row.result as RankingReport).units).toHaveLength(9);
    expect((row.rules as { base: number }).base).toBe(100);
  });

  it('hands scoreQuarter the quarter’s tasks with their units, the bonuses and the period’s due date', async () => {
    const data = await loadQuarterScoringInput(ctx.store, { workspaceId: seeded.workspaceId, year: 2026, quarter: 1, now: ctx.clock.now() });
    const input = toScoreInput(data);
    expect(input.periodDueDate).toBe('2026-03-25');
    expect(input.tasks).toHaveLength(5);
    expect(input.bonuses).toEqual([{ periodId: data.period.id, unitId: seeded.unitIds.education, points: 3, reason: '承办全市法治政府建设现场会' }]);
    expect(input.tasks[4]?.units.map((u) => u.role)).toEqual(['lead', 'lead', 'lead', 'lead']);
  });
});
