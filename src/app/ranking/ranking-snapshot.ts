import type { Repositories } from '../../ports.js';
import type { RankingReport } from './ranking-report.js';

/**
 * Keeps a ranking as it was published, with the rules it used and every score's explanation. The
 * per-task ledger lines are left out: they are rebuilt from the reports, whose revisions are kept.
 */
export async function saveRankingSnapshot(store: Repositories, report: RankingReport, actorId: string): Promise<number> {
  const { tasks: _ledger, snapshotId: _unsaved, ...kept } = report;
  return store.scoring.saveSnapshot({
    workspaceId: report.workspaceId,
    year: report.year,
    quarter: report.quarter,
    rules: report.rules,
    result: kept,
    createdBy: actorId,
  });
}
