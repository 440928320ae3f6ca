import { periodsToAssess } from '../../domain/cycle/index.js';
import { combineYear, type QuarterScores, type ScoreStats } from '../../domain/ranking/index.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';
import { scoreData } from './rank-quarter.js';
import { parseUseCaseInput, rankYearInputSchema, type RankedCategory, type RankYearInput } from './ranking-input.schema.js';
import { assembleReport, listTaskStatusRows, type BreakdownRow, type RankingReport } from './ranking-report.js';
import { saveRankingSnapshot } from './ranking-snapshot.js';
import type { BonusRecord } from '../../ports.js';
import { timePhase } from '../phase-timing.js';
import {
  asScoringPeriod,
  assembleQuarterInput,
  loadEvidenceNames,
  loadScoringBaseWith,
  type EvidenceNames,
  type ReportRow,
  type ScoringBase,
  type ScoringPeriod,
} from './scoring-data.js';

function addStats(total: ScoreStats, stats: ScoreStats): ScoreStats {
  return {
    tasks: total.tasks + stats.tasks,
    leadTasks: total.leadTasks + stats.leadTasks,
    supportTasks: total.supportTasks + stats.supportTasks,
    reported: total.reported + stats.reported,
    missing: total.missing + stats.missing,
    late: total.late + stats.late,
    perfunctory: total.perfunctory + stats.perfunctory,
    done: total.done + stats.done,
    doneOnTime: total.doneOnTime + stats.doneOnTime,
  };
}

const noStats: ScoreStats = { tasks: 0, leadTasks: 0, supportTasks: 0, reported: 0, missing: 0, late: 0, perfunctory: 0, done: 0, doneOnTime: 0 };

/**
 * 年度考核排名: the quarters that count (periodsToAssess: those that fell due or were closed, so a
 * quarter still ahead does not weigh on anyone) are scored as rankQuarter would, then combined by the
 * workspace's yearly rule and ranked within each category.
 */
export async function rankYear(ctx: AppContext, input: RankYearInput): Promise<RankingReport> {
  const { workspaceId, year, category: asked, save, withReportText } = parseUseCaseInput(rankYearInputSchema, input);
  const category = asked ?? null;
  const reportText = withReportText ? { withText: true, textLimit: 500 } : {};
  const loaded = await timePhase('ranking.query', () =>
    // The quarters' reports are read alongside the tasks: which quarters count is known from the periods alone.
    loadScoringBaseWith(ctx.store, workspaceId, year, ctx.clock.now(), async (all, today) => {
      const periods = periodsToAssess(
        all.flatMap((p) => asScoringPeriod(p) ?? []),
        today,
      );
      const periodIds = periods.map((p) => p.id);
      const [reports, bonuses] = await Promise.all([
        ctx.store.cycle.loadReports(workspaceId, { periodIds, ...reportText }),
        ctx.store.scoring.listBonuses(workspaceId, periodIds),
      ]);
      return { periods, reports, bonuses };
    }),
  );
  const { base } = loaded;
  const { periods, reports, bonuses } = loaded.alongside;
  if (!base.periods.some((p) => asScoringPeriod(p))) {
    throw new UserError('year_periods_not_found', `${year}年还没有任何季度报送周期，无法生成年度排名。请督办人先设置${year}年按季度报送的报送日历。`);
  }
  const evidence = withReportText
    ? await loadEvidenceNames(
        ctx.store,
        workspaceId,
        periods.map((p) => p.id),
      )
    : undefined;
  const report = await timePhase('ranking.score', () => buildYearReport(base, year, category, periods, reports, bonuses, evidence));
  if (!save) return report;
  return { ...report, snapshotId: await saveRankingSnapshot(ctx.store, report, save.actorId) };
}

/** Scores each quarter counted, combines them by the yearly rule and ranks; pure apart from the data already loaded. */
function buildYearReport(
  base: ScoringBase,
  year: number,
  category: RankedCategory | null,
  periods: readonly ScoringPeriod[],
  reports: readonly ReportRow[],
  bonuses: readonly BonusRecord[],
  evidence: EvidenceNames | undefined,
): RankingReport {
  const quarters = periods.map((period) => scoreData(assembleQuarterInput(base, period, reports, bonuses, evidence)));

  const quarterScores: QuarterScores[] = quarters.map(({ data, scores }) => ({ quarter: data.period.quarter, scores }));
  const yearScores = combineYear(quarterScores, base.workspace.rules);
  const yearByUnit = new Map(yearScores.map((score) => [score.unitId, score]));

  return assembleReport({
    scores: yearScores,
    units: base.units,
    resultOf: (unit) => {
      const yearScore = yearByUnit.get(unit.id);
      if (!yearScore) return null;
      let stats = noStats;
      const breakdown: BreakdownRow[] = [];
      for (const { byUnit } of quarters) {
        const score = byUnit.get(unit.id);
        if (!score || score.stats.tasks === 0) continue;
        stats = addStats(stats, score.stats);
        breakdown.push(...score.breakdown);
      }
      return { score: yearScore.score, stats, quarterScores: yearScore.quarters, yearReason: yearScore.reason, breakdown };
    },
    scope: 'year',
    workspace: base.workspace,
    year,
    quarter: null,
    periodLabel: `${year}年度`,
    category,
    dueDate: null,
    // Only quarters with scores are named as counted (a year ranked in May counts the first quarter).
    quartersCounted: quarters.filter(({ scores }) => scores.some((s) => s.stats.tasks > 0)).map(({ data }) => data.period.quarter),
    provisional: quarters.some(({ data }) => data.provisional),
    tasks: quarters.flatMap(({ data }) => listTaskStatusRows(data, category)),
  });
}
