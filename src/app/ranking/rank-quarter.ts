import { describeRules, rankUnits, scoreQuarter } from '../../domain/ranking/index.js';
import type { AppContext } from '../context.js';
import { loadQuarterScoringInput, type QuarterScoringData } from './quarter-input.js';
import { parseUseCaseInput, rankQuarterInputSchema, type RankedCategory, type RankQuarterInput } from './ranking-input.schema.js';
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
  type RankingReport,
  type UnitResult,
} from './ranking-report.js';
import { saveRankingSnapshot } from './ranking-snapshot.js';

/** Scores and ranks one quarter's data; pure apart from the data already loaded. */
export function buildQuarterReport(data: QuarterScoringData, category: RankedCategory | null): RankingReport {
  const scores = scoreQuarter(data.input);
  const ranking = filterRanking(rankUnits(scores, data.input.units), category);
  const entries = indexRankingEntries(ranking);
  const unrankedReasons = indexUnrankedReasons(ranking);
  const taskLabels = new Map(data.tasks.map((task) => [String(task.id), task.label]));
  const scoresByUnit = new Map(scores.map((score) => [Number(score.unitId), score]));

  const results = new Map<number, UnitResult>();
  for (const unit of data.units) {
    const score = scoresByUnit.get(unit.id);
    if (!score || !inCategory(category, unit.category)) continue;
    const entry = entries.get(unit.id);
    results.set(unit.id, {
      ...describeUnit(unit),
      rank: entry?.rank ?? null,
      tied: entry?.tied ?? false,
      score: score.score,
      unrankedReason: entry ? null : (unrankedReasons.get(unit.id) ?? null),
      stats: score.stats,
      quarterScores: null,
      yearReason: null,
      breakdown: explainScore(score, data.period.quarter, taskLabels),
    });
  }
  const units = orderUnits(ranking, results);
  const tasks = listTaskStatusRows(data, category);
  return {
    scope: 'quarter',
    workspaceId: data.workspace.id,
    workspaceName: data.workspace.name,
    year: data.period.year,
    quarter: data.period.quarter,
    periodLabel: data.period.label,
    title: titleFor(data.period.label, category),
    category,
    timeZone: data.workspace.timeZone,
    dueDate: data.period.dueDate,
    quartersCounted: [data.period.quarter],
    rules: data.workspace.rules,
    rulesAreDefault: data.workspace.rulesAreDefault,
    rulesText: describeRules(data.workspace.rules),
    ranking,
    units,
    tasks,
    totals: summarizeTotals(ranking, units, tasks),
    snapshotId: null,
  };
}

/**
 * 季度考核排名: scores every unit for the quarter, ranks 部门 and 镇街 separately, and explains each
 * score. With `save`, the result is kept as a ranking snapshot (what was published, and by whom).
 */
export async function rankQuarter(ctx: AppContext, input: RankQuarterInput): Promise<RankingReport> {
  const { workspaceId, year, quarter, category, save, withReportText } = parseUseCaseInput(rankQuarterInputSchema, input);
  const data = await loadQuarterScoringInput(ctx.db, workspaceId, year, quarter, { withReportText: withReportText ?? false });
  const report = buildQuarterReport(data, category ?? null);
  if (!save) return report;
  const snapshotId = await saveRankingSnapshot(ctx.db, report, save.actorId);
  ctx.logger.info({ workspaceId, year, quarter, snapshotId }, 'ranking snapshot saved');
  return { ...report, snapshotId };
}
