import { describe, expect, it } from 'vitest';
import {
  defaultScoringRules,
  rankUnits,
  scoreQuarter,
  type RankableScore,
  type ScoringUnit,
} from '../../../src/domain/ranking/index.js';
import { periodDueDate, report, tasks, units } from './fixtures.js';

const score = (unitId: string, points: number, missing = 0, done = 0, taskCount = 3): RankableScore => ({
  unitId,
  scoreHundredths: Math.round(points * 100),
  stats: { tasks: taskCount, missing, done },
});

const rankedUnits: ScoringUnit[] = [
  { id: 'u-zhang', name: '张家镇', category: 'township' },
  { id: 'u-an', name: '安平镇', category: 'township' },
  { id: 'u-bei', name: '北关街道', category: 'township' },
  { id: 'u-chen', name: '陈庄镇', category: 'township' },
  { id: 'd-1', name: '区教育局', category: 'department' },
  { id: 'd-2', name: '区民政局', category: 'department' },
];

describe('rankUnits', () => {
  it('ranks departments and townships separately, highest score first', () => {
    const ranking = rankUnits(
      [score('u-zhang', 98), score('u-an', 101), score('d-1', 90), score('d-2', 99.5), score('u-bei', 97), score('u-chen', 96)],
      rankedUnits,
    );
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
    const ranking = rankUnits(
      [score('u-zhang', 95, 1, 3), score('u-an', 95, 2, 3), score('u-bei', 95, 1, 4), score('u-chen', 80)],
      rankedUnits,
    );
    expect(ranking.township.map((e) => [e.rank, e.unitId, e.tied])).toEqual([
      [1, 'u-bei', false],
      [2, 'u-zhang', false],
      [3, 'u-an', false],
      [4, 'u-chen', false],
    ]);
  });

  it('gives units equal on every key the same rank, listed by name in pinyin order, and skips the next rank', () => {
    const ranking = rankUnits(
      [score('u-zhang', 95, 0, 2), score('u-chen', 95, 0, 2), score('u-an', 95, 0, 2), score('u-bei', 90)],
      rankedUnits,
    );
    expect(ranking.township.map((e) => [e.rank, e.name, e.tied])).toEqual([
      [1, '安平镇', true],
      [1, '陈庄镇', true],
      [1, '张家镇', true],
      [4, '北关街道', false],
    ]);
  });

  it('gives the same ranking whatever the input order', () => {
    const scores = [score('u-zhang', 95), score('u-chen', 95), score('u-an', 97), score('u-bei', 90)];
    const forward = rankUnits(scores, rankedUnits);
    const backward = rankUnits([...scores].reverse(), [...rankedUnits].reverse());
    expect(backward).toEqual(forward);
  });

  it('lists a unit with no tasks, or no score, as unranked', () => {
    const ranking = rankUnits([score('u-zhang', 100, 0, 0, 0), score('u-an', 95)], rankedUnits.slice(0, 3));
    expect(ranking.township.map((e) => e.unitId)).toEqual(['u-an']);
    expect(ranking.unranked).toEqual([
      { unitId: 'u-bei', name: '北关街道', category: 'township', reason: '本期没有评分' },
      { unitId: 'u-zhang', name: '张家镇', category: 'township', reason: '本期没有考核任务，不参加排名' },
    ]);
  });

  it('ranks a scored quarter end to end, including a supporting-only unit and a unit without tasks', () => {
    const scores = scoreQuarter({
      rules: defaultScoringRules,
      units,
      tasks,
      periodDueDate,
      reports: [
        report('t1', 'justice', { status: 'done' }),
        report('t3', 'justice', { percent: 40 }),
        report('t1', 'market', { percent: 80 }),
        report('t2', 'market', { status: 'blocked' }),
        report('t3', 'chengguan', { percent: 40 }),
      ],
      bonuses: [],
    });
    const ranking = rankUnits(scores, units);
    expect(ranking.department.map((e) => [e.rank, e.unitId, e.score])).toEqual([
      [1, 'justice', 102.2],
      [2, 'market', 100.4],
      [3, 'finance', 95],
    ]);
    expect(ranking.township.map((e) => [e.rank, e.unitId, e.score])).toEqual([
      [1, 'chengguan', 100.4],
      [2, 'dongjie', 90],
    ]);
    expect(ranking.unranked.map((u) => u.unitId)).toEqual(['archives']);
  });
});
