import { toChineseNumeral } from '../text/chinese-numerals.js';
import { formatPoints, fromHundredths, roundToHundredths } from './score-points.js';
import type { ScoringRules } from './scoring-rules.schema.js';

export interface QuarterScores {
  readonly quarter: 1 | 2 | 3 | 4;
  readonly scores: readonly {
    readonly unitId: number;
    readonly scoreHundredths: number;
    readonly stats: { readonly tasks: number; readonly missing: number; readonly done: number };
  }[];
}

export interface YearScore {
  readonly unitId: number;
  readonly score: number;
  readonly scoreHundredths: number;
  /** Each quarter's score, null when the unit was not scored (or had no tasks) that quarter. */
  readonly quarters: readonly [number | null, number | null, number | null, number | null];
  /** Summed over the counted quarters, for the ranking's tie-breaks. */
  readonly stats: { readonly tasks: number; readonly missing: number; readonly done: number };
  readonly reason: string;
}

/**
 * The year's score per unit from its quarters, by the rules' yearly method. A quarter in which a unit
 * had no tasks, or that has not been scored, is left out (average and weighted renormalise over the
 * quarters counted) so a unit is not pulled up or down by a quarter it had nothing to do in.
 */
export function combineYear(quarterScores: readonly QuarterScores[], rules: ScoringRules): YearScore[] {
  const byUnit = new Map<number, { quarters: (number | null)[]; tasks: number; missing: number; done: number }>();
  for (const { quarter, scores } of quarterScores) {
    for (const score of scores) {
      const entry = byUnit.get(score.unitId) ?? { quarters: [null, null, null, null], tasks: 0, missing: 0, done: 0 };
      if (score.stats.tasks > 0) {
        entry.quarters[quarter - 1] = score.scoreHundredths;
        entry.tasks += score.stats.tasks;
        entry.missing += score.stats.missing;
        entry.done += score.stats.done;
      }
      byUnit.set(score.unitId, entry);
    }
  }

  return [...byUnit].map(([unitId, entry]) => {
    const counted = entry.quarters.flatMap((hundredths, index) => (hundredths === null ? [] : [{ index, hundredths }]));
    const { hundredths, reason } = combine(counted, rules);
    const quarters = entry.quarters.map((h) => (h === null ? null : fromHundredths(h)));
    return {
      unitId,
      score: fromHundredths(hundredths),
      scoreHundredths: hundredths,
      quarters: [quarters[0] ?? null, quarters[1] ?? null, quarters[2] ?? null, quarters[3] ?? null],
      stats: { tasks: entry.tasks, missing: entry.missing, done: entry.done },
      reason,
    };
  });
}

function combine(counted: readonly { index: number; hundredths: number }[], rules: ScoringRules): { hundredths: number; reason: string } {
  if (counted.length === 0) return { hundredths: 0, reason: '全年没有考核任务，不计年度得分' };
  const list = counted.map((q) => `第${toChineseNumeral(q.index + 1)}季度${formatPoints(fromHundredths(q.hundredths))}分`).join('、');
  const yearly = rules.yearly;
  switch (yearly.method) {
    case 'sum': {
      const total = counted.reduce((sum, q) => sum + q.hundredths, 0);
      return { hundredths: total, reason: `${list}，合计${formatPoints(fromHundredths(total))}分` };
    }
    case 'average': {
      const total = counted.reduce((sum, q) => sum + q.hundredths, 0);
      const hundredths = roundToHundredths(total / counted.length / 100);
      return { hundredths, reason: `${list}，平均${formatPoints(fromHundredths(hundredths))}分` };
    }
    case 'weighted': {
      const weights = counted.map((q) => yearly.weights[q.index] ?? 0);
      const weightSum = weights.reduce((sum, w) => sum + w, 0);
      if (weightSum === 0) return { hundredths: 0, reason: `${list}，所计季度权重均为0，不计年度得分` };
      const total = counted.reduce((sum, q, i) => sum + q.hundredths * (weights[i] ?? 0), 0);
      const hundredths = roundToHundredths(total / weightSum / 100);
      return { hundredths, reason: `${list}，按季度权重加权平均${formatPoints(fromHundredths(hundredths))}分` };
    }
  }
}
