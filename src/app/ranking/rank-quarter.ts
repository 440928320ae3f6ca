import { scoreQuarter, type ScoreQuarterInput, type UnitScore } from '../../domain/ranking/index.js';
import type { AppContext } from '../context.js';
import { parseUseCaseInput, rankQuarterInputSchema, type RankedCategory, type RankQuarterInput } from './ranking-input.schema.js';
import { assembleReport, listTaskStatusRows, type RankingReport } from './ranking-report.js';
import { saveRankingSnapshot } from './ranking-snapshot.js';
import { timePhase } from '../phase-timing.js';
import { assembleQuarterInput, loadQuarterScoringRows, type QuarterScoringData } from './scoring-data.js';

/** The domain's scoreQuarter input for a quarter's data. */
export function toScoreInput(data: QuarterScoringData): ScoreQuarterInput {
  return {
    quarter: data.period.quarter,
    rules: data.workspace.rules,
    units: data.units.map((unit) => ({ id: unit.id, name: unit.name, category: unit.category })),
    tasks: data.tasks,
    reports: data.scoredReports,
    bonuses: data.bonuses,
    periodDueDate: data.period.dueDate,
    timeZone: data.workspace.timeZone,
  };
}

/** A quarter scored: every unit's score, found by unit. */
export interface ScoredQuarter {
  readonly data: QuarterScoringData;
  readonly scores: readonly UnitScore[];
  readonly byUnit: ReadonlyMap<number, UnitScore>;
}

export function scoreData(data: QuarterScoringData): ScoredQuarter {
  const scores = scoreQuarter(toScoreInput(data));
  return {
    data,
    scores,
    byUnit: new Map(scores.map((score) => [score.unitId, score])),
  };
}

/** Scores and ranks one quarter's data; pure apart from the data already loaded. */
export function buildQuarterReport(data: QuarterScoringData, category: RankedCategory | null): RankingReport {
  const { scores, byUnit } = scoreData(data);
  return assembleReport({
    scores,
    units: data.units,
    resultOf: (unit) => {
      const score = byUnit.get(unit.id);
      if (!score) return null;
      return {
        score: score.score,
        stats: score.stats,
        quarterScores: null,
        yearReason: null,
        breakdown: score.breakdown,
      };
    },
    scope: 'quarter',
    workspace: data.workspace,
    year: data.period.year,
    quarter: data.period.quarter,
    periodLabel: data.period.label,
    category,
    dueDate: data.period.dueDate,
    quartersCounted: [data.period.quarter],
    provisional: data.provisional,
    tasks: listTaskStatusRows(data, category),
  });
}

/**
 * 季度考核排名: scores every unit for the quarter, ranks 部门 and 镇街 separately, and explains each
 * score. With `save`, the result is kept as a ranking snapshot (what was published, and by whom).
 */
export async function rankQuarter(ctx: AppContext, input: RankQuarterInput): Promise<RankingReport> {
  const { workspaceId, year, quarter, category, save, withReportText } = parseUseCaseInput(rankQuarterInputSchema, input);
  const rows = await timePhase('ranking.query', () =>
    loadQuarterScoringRows(ctx.store, { workspaceId, year, quarter, now: ctx.clock.now(), withReportText: withReportText ?? false }),
  );
  const report = await timePhase('ranking.score', () =>
    buildQuarterReport(assembleQuarterInput(rows.base, rows.period, rows.reports, rows.bonuses, rows.evidence), category ?? null),
  );
  if (!save) return report;
  const snapshotId = await saveRankingSnapshot(ctx.store, report, save.actorId);
  ctx.logger.info({ workspaceId, year, quarter, snapshotId }, 'ranking snapshot saved');
  return { ...report, snapshotId };
}
