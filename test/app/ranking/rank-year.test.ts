import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.js';
import { ledgerStatusLabel, rankQuarter, rankYear, type RankingReport } from '../../../src/app/ranking/index.js';
import type { Storage } from '../../../src/db/database.js';
import { ManualClock, testAppContext } from '../../support/app-context.js';
import { openMigratedStorage, storageKinds } from '../../support/storage.js';
import { seedRankingWorkspace, unitNames, type SeededWorkspace } from './seed-ranking-workspace.js';

const scoreOf = (report: RankingReport, name: string) => report.units.find((u) => u.name === name)?.score;

describe.each(storageKinds)('rankYear on %s', (kind) => {
  let storage: Storage;
  let ctx: AppContext;
  let seeded: SeededWorkspace;
  let year: RankingReport;

  beforeAll(async () => {
    storage = await openMigratedStorage(kind);
    // Ranked in July: the first two quarters have fallen due, the third and fourth have not.
    ctx = testAppContext(storage.db, new ManualClock(new Date('2026-07-10T02:00:00Z')));
    seeded = await seedRankingWorkspace(storage.db);
    year = await rankYear(ctx, { workspaceId: seeded.workspaceId, year: 2026 });
  });
  afterAll(async () => {
    await storage?.close();
  });

  it('averages the quarters that fell due and ranks within each category', () => {
    expect(year.quartersCounted).toEqual([1, 2]);
    expect(year.title).toBe('2026年度考核排名');
    expect(year.ranking.department.map((e) => [e.name, e.score])).toEqual([
      [unitNames.labour, 95.08],
      [unitNames.development, 94],
      [unitNames.justice, 90.25],
      [unitNames.education, 89],
    ]);
    const justice = year.units.find((u) => u.name === unitNames.justice);
    expect(justice?.quarterScores).toEqual([95.5, 85, null, null]);
    expect(justice?.yearReason).toBe('第一季度95.5分、第二季度85分，平均90.25分');
  });

  it('explains the year quarter by quarter, each quarter adding up to its score', () => {
    for (const unit of year.units.filter((u) => u.quarterScores !== null)) {
      for (const quarter of [1, 2] as const) {
        const score = unit.quarterScores?.[quarter - 1];
        if (score === null || score === undefined) continue;
        const sum = unit.breakdown.filter((row) => row.quarter === quarter).reduce((total, row) => total + Math.round(row.points * 100), 0);
        expect(sum, `${unit.name} Q${quarter}`).toBe(Math.round(score * 100));
      }
    }
    expect(year.units.find((u) => u.name === unitNames.justice)?.stats).toMatchObject({ tasks: 4, missing: 3, reported: 1 });
  });

  it('leaves a unit without tasks all year unranked and lists both quarters in the ledger', () => {
    expect(year.ranking.unranked.map((u) => u.name)).toEqual([unitNames.finance]);
    expect(new Set(year.tasks.map((row) => row.period.label))).toEqual(new Set(['2026年第一季度', '2026年第二季度']));
  });

  it('counts only the current quarter, as provisional, before any quarter fell due', async () => {
    const early = await rankYear(testAppContext(storage.db, new ManualClock(new Date('2026-03-02T01:00:00Z'))), {
      workspaceId: seeded.workspaceId,
      year: 2026,
    });
    expect(early.quartersCounted).toEqual([1]);
    expect(early.provisional).toBe(true);
  });

  it('tells the coordinator when a year has no quarterly periods at all, or no notice', async () => {
    const monthly = await seedRankingWorkspace(storage.db, '120000000000000698');
    await storage.db
      .updateTable('workspaces')
      .set({ reporting_cadence: JSON.stringify({ cadence: 'monthly' }) })
      .where('id', '=', monthly.workspaceId)
      .execute();
    // Nothing hangs on its quarters, so the monthly cadence replaces them.
    await storage.db.deleteFrom('progress_reports').where('workspace_id', '=', monthly.workspaceId).execute();
    await storage.db.deleteFrom('score_adjustments').where('workspace_id', '=', monthly.workspaceId).execute();
    await expect(rankYear(ctx, { workspaceId: monthly.workspaceId, year: 2026 })).rejects.toMatchObject({ code: 'year_periods_not_found' });
    await expect(rankYear(ctx, { workspaceId: seeded.workspaceId, year: 2027 })).rejects.toMatchObject({ code: 'year_without_notice' });
  });

  it('saves a yearly snapshot with no quarter', async () => {
    const saved = await rankYear(ctx, { workspaceId: seeded.workspaceId, year: 2026, category: 'department', save: { actorId: '7' } });
    const row = await storage.db
      .selectFrom('ranking_snapshots')
      .select(['quarter', 'year'])
      .where('id', '=', saved.snapshotId ?? 0)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ quarter: null, year: 2026 });
    expect(saved.units.every((u) => u.category === 'department')).toBe(true);
  });

  it('counts a report sent back (退回) and not resubmitted as owed, and shows it so in the ledger', async () => {
    await storage.db
      .updateTable('progress_reports')
      .set({ sent_back_at: '2026-03-26T02:00:00Z', sent_back_reason: '缺少佐证材料' })
      .where('task_id', '=', seeded.taskIds[1] ?? 0)
      .where('unit_id', '=', seeded.unitIds.development)
      .execute();
    const q1 = await rankQuarter(ctx, { workspaceId: seeded.workspaceId, year: 2026, quarter: 1 });
    expect(scoreOf(q1, unitNames.development)).toBe(89);
    const sentBack = q1.tasks.find((row) => row.report?.sentBack);
    expect(sentBack && [sentBack.unit.name, sentBack.task.label, ledgerStatusLabel(sentBack.report)]).toEqual([
      unitNames.development,
      '（二）',
      '已退回（待重报）',
    ]);
    expect(q1.totals).toMatchObject({ reports: 12, missing: 4 });
    await storage.db.updateTable('progress_reports').set({ sent_back_at: null, sent_back_reason: null }).where('sent_back_at', 'is not', null).execute();
  });

  it('leaves out an inactive unit, which answers for nothing', async () => {
    await storage.db.updateTable('units').set({ active: false }).where('id', '=', seeded.unitIds.finance).execute();
    const q1 = await rankQuarter(ctx, { workspaceId: seeded.workspaceId, year: 2026, quarter: 1 });
    expect(q1.units.some((u) => u.name === unitNames.finance)).toBe(false);
    expect(q1.ranking.unranked).toEqual([]);
    await storage.db.updateTable('units').set({ active: true }).where('id', '=', seeded.unitIds.finance).execute();
  });

  it('stops asking for reports on a task closed (办结) before a quarter was due, but keeps the earlier quarter', async () => {
    const task2 = seeded.taskIds[1] ?? 0;
    await storage.db.updateTable('tasks').set({ state: 'closed', closed_at: '2026-04-10T02:00:00Z', closed_by: '1' }).where('id', '=', task2).execute();
    const q2 = await rankQuarter(ctx, { workspaceId: seeded.workspaceId, year: 2026, quarter: 2 });
    expect(scoreOf(q2, unitNames.development)).toBe(95);
    expect(scoreOf(q2, unitNames.labour)).toBe(95);
    const q1 = await rankQuarter(ctx, { workspaceId: seeded.workspaceId, year: 2026, quarter: 1 });
    expect(scoreOf(q1, unitNames.development)).toBe(103);
  });
});
