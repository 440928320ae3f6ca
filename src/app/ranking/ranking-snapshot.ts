import type { DbOrTx } from '../../db/database.js';
import type { RankingReport } from './ranking-report.js';

/**
 * Keeps a ranking as it was published, with the rules it used and every score's explanation. The
 * per-task ledger lines are left out: they are rebuilt from the reports, whose revisions are kept.
 */
export async function saveRankingSnapshot(db: DbOrTx, report: RankingReport, actorId: string): Promise<number> {
  const { tasks: _ledger, snapshotId: _unsaved, ...kept } = report;
  const row = await db
    .insertInto('ranking_snapshots')
    .values({
      workspace_id: report.workspaceId,
      year: report.year,
      quarter: report.quarter,
      rules: JSON.stringify(report.rules),
      result: JSON.stringify(kept),
      created_by: actorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
