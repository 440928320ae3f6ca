import { describe, expect, it } from 'vitest';
import { combineYear, defaultScoringRules, scoringRulesSchema, type QuarterScores } from '../../../src/domain/ranking/index.js';

const quarter = (q: 1 | 2 | 3 | 4, entries: [string, number, number?][]): QuarterScores => ({
  quarter: q,
  scores: entries.map(([unitId, points, tasks = 2]) => ({
    unitId,
    scoreHundredths: Math.round(points * 100),
    stats: { tasks, missing: 1, done: 1 },
  })),
});

const year = [
  quarter(1, [['a', 100], ['b', 90]]),
  quarter(2, [['a', 102], ['b', 95]]),
  quarter(3, [['a', 98], ['b', 100, 0]]),
  quarter(4, [['a', 101.5], ['b', 99]]),
];

describe('combineYear', () => {
  it('averages the quarters by default, leaving out a quarter without tasks', () => {
    const [a, b] = combineYear(year, defaultScoringRules);
    expect(a).toMatchObject({ unitId: 'a', score: 100.38, quarters: [100, 102, 98, 101.5], stats: { tasks: 8, missing: 4, done: 4 } });
    expect(a?.reason).toBe('第一季度100分、第二季度102分、第三季度98分、第四季度101.5分，平均100.38分');
    expect(b).toMatchObject({ unitId: 'b', score: 94.67, quarters: [90, 95, null, 99] });
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
    const [a, c] = combineYear([quarter(1, [['a', 96], ['c', 100, 0]])], defaultScoringRules);
    expect(a).toMatchObject({ score: 96, quarters: [96, null, null, null] });
    expect(c).toMatchObject({ score: 0, stats: { tasks: 0 }, reason: '全年没有考核任务，不计年度得分' });
  });
});
