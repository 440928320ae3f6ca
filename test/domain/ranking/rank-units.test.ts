import { describe, expect, it } from 'vitest';
import { defaultScoringRules, rankUnits, scoreQuarter, type RankableScore, type ScoringUnit } from '../../../src/domain/ranking/index.js';
import { periodDueDate, report, tasks, units } from './fixtures.js';

const score = (unitId: number, points: number, missing = 0, done = 0, taskCount = 3): RankableScore => ({
  unitId,
  scoreHundredths: Math.round(points * 100),
  stats: { tasks: taskCount, missing, done },
});

const rankedUnits: ScoringUnit[] = [
  { id: 11, name: '张家镇', category: 'township' },
  { id: 12, name: '安平镇', category: 'township' },
  { id: 13, name: '北关街道', category: 'township' },
  { id: 14, name: '陈庄镇', category: 'township' },
  { id: 15, name: '区教育局', category: 'department' },
  { id: 16, name: '区民政局', category: 'department' },
];

describe('rankUnits', () => {
  it('ranks departments and townships separately, highest score first', () => {
    const ranking = rankUnits([score(11, 98), score(12, 101), score(15, 90), score(16, 99.5), score(13, 97), score(14, 96)], rankedUnits);
    expect(ranking.department.map((e) => [e.rank, e.name, e.score])).toEqual([
      [1, '区民政局', 99.5],
      [2, '区教育局', 90],
    ]);
    expect(ranking.township.map((e) => [e.rank, e.name])).toEqual([
      [1, '安平镇'],
      [2, '张家镇'],
      [3, '北关街道'],
      [4, '陈庄镇'],
    ]);
    expect(ranking.other).toEqual([]);
  });

  it('breaks a tie on score by fewer missing reports, then more tasks done', () => {
    const ranking = rankUnits([score(11, 95, 1, 3), score(12, 95, 2, 3), score(13, 95, 1, 4), score(14, 80)], rankedUnits);
    expect(ranking.township.map((e) => [e.rank, e.unitId, e.tied])).toEqual([
      [1, 13, false],
      [2, 11, false],
      [3, 12, false],
      [4, 14, false],
    ]);
  });

  it('gives units equal on every key the same rank, listed by name in pinyin order, and skips the next rank', () => {
    const ranking = rankUnits([score(11, 95, 0, 2), score(14, 95, 0, 2), score(12, 95, 0, 2), score(13, 90)], rankedUnits);
    expect(ranking.township.map((e) => [e.rank, e.name, e.tied])).toEqual([
      [1, '安平镇', true],
      [1, '陈庄镇', true],
      [1, '张家镇', true],
      [4, '北关街道', false],
    ]);
  });

  it('gives the same ranking whatever the input order', () => {
    const scores = [score(11, 95), score(14, 95), score(12, 97), score(13, 90)];
    const forward = rankUnits(scores, rankedUnits);
    const backward = rankUnits([...scores].reverse(), [...rankedUnits].reverse());
    expect(backward).toEqual(forward);
  });

  it('lists a unit with no tasks, or no score, as unranked', () => {
    const ranking = rankUnits([score(11, 100, 0, 0, 0), score(12, 95)], rankedUnits.slice(0, 3));
    expect(ranking.township.map((e) => e.unitId)).toEqual([12]);
    expect(ranking.unranked).toEqual([
      { unitId: 13, name: '北关街道', category: 'township', reason: '本期没有评分' },
      { unitId: 11, name: '张家镇', category: 'township', reason: '本期没有考核任务，不参加排名' },
    ]);
  });

  it('ranks a scored quarter end to end, including a supporting-only unit and a unit without tasks', () => {
    const scores = scoreQuarter({
      quarter: 1,
      rules: defaultScoringRules,
      units,
      tasks,
      periodDueDate,
      reports: [
        report(101, 1, { status: 'done' }),
        report(103, 1, { percent: 40 }),
        report(101, 2, { percent: 80 }),
        report(102, 2, { status: 'blocked' }),
        report(103, 5, { percent: 40 }),
      ],
      bonuses: [],
    });
    const ranking = rankUnits(scores, units);
    expect(ranking.department.map((e) => [e.rank, e.unitId, e.score])).toEqual([
      [1, 1, 102.2],
      [2, 2, 100.4],
      [3, 3, 95],
    ]);
    expect(ranking.township.map((e) => [e.rank, e.unitId, e.score])).toEqual([
      [1, 5, 100.4],
      [2, 6, 90],
    ]);
    expect(ranking.unranked.map((u) => u.unitId)).toEqual([4]);
  });
});
