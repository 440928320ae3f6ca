import { combineYear, describeRules, rankUnits, scoreQuarter, type QuarterScores, type ScoreStats, type UnitScore } from '../../domain/ranking/index.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';
import { assembleQuarterInput, type QuarterScoringData } from './quarter-input.js';
import { parseUseCaseInput, rankYearInputSchema, type RankYearInput } from './ranking-input.schema.js';
import {
  summarizeTotals,
  describeUnit,
  explainScore,
  filterRanking,
  inCategory,
  indexRankingEntries,
  indexUnrankedReasons,
  listTaskStatusRows,
  orderUnits,
  titleFor,
  type BreakdownRow,
  type RankingReport,
  type UnitResult,
} from './ranking-report.js';
import { saveRankingSnapshot } from './ranking-snapshot.js';
import { loadPeriodActivity, loadQuarterPeriods, loadScoringBase, loadScoringWorkspace, type Quarter } from './scoring-data.js';

const allQuarters: readonly Quarter[] = [1, 2, 3, 4];

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

interface ScoredQuarter {
  readonly data: QuarterScoringData;
  readonly scores: readonly UnitScore[];
  readonly byUnit: ReadonlyMap<string, UnitScore>;
  readonly taskLabels: ReadonlyMap<string, string>;
}

/**
 * 年度考核排名: each quarter that has a reporting period is scored as rankQuarter would, then the
 * quarters are combined by the workspace's yearly rule and ranked within each category.
 */
export async function rankYear(ctx: AppContext, input: RankYearInput): Promise<RankingReport> {
  const { workspaceId, year, category: asked, save, withReportText } = parseUseCaseInput(rankYearInputSchema, input);
  const category = asked ?? null;
  const [workspace, periods] = await Promise.all([loadScoringWorkspace(ctx.db, workspaceId), loadQuarterPeriods(ctx.db, workspaceId, year, allQuarters)]);
  if (periods.length === 0) {
    throw new UserError('year_periods_not_found', `${year}年还没有任何季度报送周期，无法生成年度排名。请督办人先设置${year}年按季度报送的报送日历。`);
  }
  const [base, activity] = await Promise.all([loadScoringBase(ctx.db, workspace, year), loadPeriodActivity(ctx.db, workspaceId, periods.map((p) => p.id), { withText: withReportText ?? false })]);
  const quarters: ScoredQuarter[] = periods.map((period) => {
    const data = assembleQuarterInput(base, period, activity);
    const scores = scoreQuarter(data.input);
    const byUnit = new Map(scores.map((score) => [score.unitId, score]));
    return { data, scores, byUnit, taskLabels: new Map(data.tasks.map((task) => [String(task.id), task.label])) };
  });

  const quarterScores: QuarterScores[] = quarters.map(({ data, scores }) => ({ quarter: data.period.quarter, scores }));
  const yearScores = combineYear(quarterScores, workspace.rules);
  const scoringUnits = base.units.map((unit) => ({ id: String(unit.id), name: unit.name, category: unit.category }));
  const ranking = filterRanking(rankUnits(yearScores, scoringUnits), category);
  const entries = indexRankingEntries(ranking);
  const unrankedReasons = indexUnrankedReasons(ranking);
  const yearByUnit = new Map(yearScores.map((score) => [Number(score.unitId), score]));

  const results = new Map<number, UnitResult>();
  for (const unit of base.units) {
    const yearScore = yearByUnit.get(unit.id);
    if (!yearScore || !inCategory(category, unit.category)) continue;
    let stats = noStats;
    const breakdown: BreakdownRow[] = [];
    for (const { data, byUnit, taskLabels } of quarters) {
      const score = byUnit.get(String(unit.id));
      if (!score || score.stats.tasks === 0) continue;
      stats = addStats(stats, score.stats);
      breakdown.push(...explainScore(score, data.period.quarter, taskLabels));
    }
    const entry = entries.get(unit.id);
    results.set(unit.id, {
      ...describeUnit(unit),
      rank: entry?.rank ?? null,
      tied: entry?.tied ?? false,
      score: yearScore.score,
      unrankedReason: entry ? null : (unrankedReasons.get(unit.id) ?? null),
      stats,
      quarterScores: yearScore.quarters,
      yearReason: yearScore.reason,
      breakdown,
    });
  }

  const units = orderUnits(ranking, results);
  const tasks = quarters.flatMap(({ data }) => listTaskStatusRows(data, category));
  const report: RankingReport = {
    scope: 'year',
    workspaceId,
    workspaceName: workspace.name,
    year,
    quarter: null,
    periodLabel: `${year}年度`,
    title: titleFor(`${year}年度`, category),
    category,
    timeZone: workspace.timeZone,
    dueDate: null,
    quartersCounted: periods.map((period) => period.quarter),
    rules: workspace.rules,
    rulesAreDefault: workspace.rulesAreDefault,
    rulesText: describeRules(workspace.rules),
    ranking,
    units,
    tasks,
    totals: summarizeTotals(ranking, units, tasks),
    snapshotId: null,
  };
  if (!save) return report;
  return { ...report, snapshotId: await saveRankingSnapshot(ctx.db, report, save.actorId) };
}
