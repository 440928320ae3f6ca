import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../../src/db/database.js';
import { createStore } from '../../../src/db/store.js';
import type { ReportState } from '../../../src/domain/cycle/index.js';
import { seedRankingWorkspace, type SeededWorkspace } from '../../app/ranking/seed-ranking-workspace.js';
import { openMigratedStorage, storageKinds } from '../../support/storage.js';

/** The reports as a plain select reads them: what the packed binary read must give back exactly. */
async function selectReports(storage: Storage, workspaceId: number, periodIds: number[]): Promise<ReportState[]> {
  const rows = await storage.db
    .selectFrom('progress_reports')
    .select(['task_id', 'unit_id', 'period_id', 'status', 'percent', 'late', 'perfunctory', 'rating', 'last_submitted_at', 'sent_back_at', 'sent_back_reason'])
    .where('workspace_id', '=', workspaceId)
    .where('period_id', 'in', periodIds)
    .execute();
  return rows.map((row) => ({
    taskId: row.task_id,
    unitId: row.unit_id,
    periodId: row.period_id,
    status: row.status,
    percent: row.percent,
    late: row.late,
    perfunctory: row.perfunctory,
    rating: row.rating,
    submittedAt: new Date(row.last_submitted_at),
    sentBack: row.sent_back_at !== null,
    sentBackReason: row.sent_back_at === null ? null : row.sent_back_reason,
    text: null,
  }));
}

const byKey = (a: ReportState, b: ReportState) => a.periodId - b.periodId || a.taskId - b.taskId || a.unitId - b.unitId;

describe.each(storageKinds)('loading a period’s reports on %s', (kind) => {
  let storage: Storage;
  let seeded: SeededWorkspace;

  beforeAll(async () => {
    storage = await openMigratedStorage(kind);
    seeded = await seedRankingWorkspace(storage.db);
    // Times a float of epoch seconds would round, one before 2000 (where Postgres's binary timestamps count from), a sent-back report.
    const times = ['2026-03-20 10:00:00.123999+08', '1999-12-31 23:59:59.9995+00', '2026-02-28 23:59:59.999999+08', '2038-01-19 03:14:08.000001+00'];
    const reports = await storage.db.selectFrom('progress_reports').select('id').where('workspace_id', '=', seeded.workspaceId).orderBy('id').execute();
    for (const [i, time] of times.entries()) {
      await storage.db
        .updateTable('progress_reports')
        .set({ last_submitted_at: sql`${time}::timestamptz` })
        .where('id', '=', reports[i]?.id ?? 0)
        .execute();
    }
    await storage.db
      .updateTable('progress_reports')
      .set({ sent_back_at: sql`now()`, sent_back_reason: '请补充佐证材料', rating: 'good', percent: 100 })
      .where('id', '=', reports[4]?.id ?? 0)
      .execute();
  });
  afterAll(async () => {
    await storage?.close();
  });

  it('gives every field of every report as a plain select reads it, to the millisecond', async () => {
    const store = createStore(storage.db);
    const { q1, q2 } = seeded.periodIds;
    for (const periodIds of [[q1], [q1, q2]]) {
      const expected = (await selectReports(storage, seeded.workspaceId, periodIds)).sort(byKey);
      const loaded = [...(await store.cycle.loadReports(seeded.workspaceId, { periodIds }))].sort(byKey);
      expect(expected.length).toBeGreaterThan(4);
      expect(loaded).toEqual(expected);
    }
    const loaded = await store.cycle.loadReports(seeded.workspaceId, { periodIds: [q1, q2] });
    expect(loaded.map((report) => report.submittedAt.toISOString())).toEqual(
      expect.arrayContaining(['2026-03-20T02:00:00.123Z', '1999-12-31T23:59:59.999Z', '2026-02-28T15:59:59.999Z', '2038-01-19T03:14:08.000Z']),
    );
  });
});
