import { requireOverview } from '../access.js';
import type { AppContext } from '../context.js';
import { pickReportYear } from '../cycle/load-cycle.js';
import { rankQuarter, rankYear, type RankedCategory, type RankingReport } from '../ranking/index.js';
import type { Quarter } from '../ranking/scoring-data.js';
import type { LedgerViewer } from './ledger-viewer.js';

/**
 * 排名: the quarter's (or without a quarter, the year's) ranking in one category, exactly as /ranking
 * show builds it, for coordinators and leaders only.
 */
export async function buildLedgerRanking(
  ctx: AppContext,
  viewer: LedgerViewer,
  input: { year?: number | undefined; quarter?: Quarter | undefined; category: RankedCategory; now: Date },
): Promise<RankingReport> {
  requireOverview(viewer.access, 'ranking');
  const year = await pickReportYear(ctx.store, viewer.workspace, input.now, input.year ?? null);
  const base = { workspaceId: viewer.workspace.id, year, category: input.category, withReportText: false };
  return input.quarter ? rankQuarter(ctx, { ...base, quarter: input.quarter }) : rankYear(ctx, base);
}
