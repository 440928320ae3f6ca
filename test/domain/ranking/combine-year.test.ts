import { describe, expect, it } from 'vitest';
import { combineYear, defaultScoringRules, scoringRulesSchema, type QuarterScores } from '../../../src/domain/ranking/index.js';

const quarter = (q: 1 | 2 | 3 | 4, entries: [number, number, number?][]): QuarterScores => ({
  quarter: q,
  scores: entries.map(([unitId, points, tasks = 2]) => ({
    unitId,
    scoreHundredths: Math.round(points * 100),
    stats: { tasks, missing: 1, done: 1 },
  })),
});

const year = [
  quarter(1, [
    [1, 100],
    [2, 90],
  ]),
  quarter(2, [
    [1, 102],
    [2, 95],
  ]),
  quarter(3, [
    [1, 98],
    [2, 100, 0],
  ]),
  quarter(4, [
    [1, 101.5],
    [2, 99],
  ]),
];

describe('combineYear', () => {
  it('averages the quarters by default, leaving out a quarter without tasks', () => {
    const [a, b] = combineYear(year, defaultScoringRules);
    expect(a).toMatchObject({ unitId: 1, score: 100.38, quarters: [100, 102, 98, 101.5], stats: { tasks: 8, missing: 4, done: 4 } });
    expect(a?.reason).toBe('第一季度100分、第二季度102分、第三季度98分、第四季度101.5分，平均100.38分');
    expect(b).toMatchObject({ unitId: 2, score: 94.67, quarters: [90, 95, null, 99] });
  });

  it('weights the quarters when the rules say so, renormalising over counted quarters', () => {
    const rules = scoringRulesSchema.parse({ yearly: { method: 'weighted', weights: [1, 1, 1, 2] } });
    const [a, b] = combineYear(year, rules);
    expect(a?.score).toBe(100.6);
    expect(b?.score).toBe(95.75);
  });

  it('adds the quarters up when the rules say sum', () => {
    const [a] = combineYear(year, scoringRulesSchema.parse({ yearly: { method: 'sum' } }));
    expect(a?.score).toBe(401.5);
  });

  it('handles a year with only some quarters scored, and a unit with no tasks all year', () => {
    const [a, c] = combineYear(
      [
        quarter(1, [
          [1, 96],
          [3, 100, 0],
        ]),
      ],
      defaultScoringRules,
    );
    expect(a).toMatchObject({ score: 96, quarters: [96, null, null, null] });
    expect(c).toMatchObject({ score: 0, stats: { tasks: 0 }, reason: '全年没有考核任务，不计年度得分' });
  });
});
