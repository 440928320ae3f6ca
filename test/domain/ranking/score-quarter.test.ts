import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScoringRules, scoreQuarter, scoringRulesSchema, type ScoringReport, type UnitScore } from '../../../src/domain/ranking/index.js';
import { periodDueDate, report, tasks, units } from './fixtures.js';

function scoreOf(scores: UnitScore[], unitId: number): UnitScore {
  const score = scores.find((s) => s.unitId === unitId);
  if (!score) throw new Error(`no score for ${unitId}`);
  return score;
}

const kinds = (score: UnitScore) => score.breakdown.map((item) => [item.kind, item.taskId, item.points]);

describe('scoreQuarter', () => {
  it('scores a lead unit with the default rules and explains every point', () => {
    const scores = scoreQuarter({
      quarter: 1,
      rules: defaultScoringRules,
      units,
      tasks,
      periodDueDate,
      reports: [report(101, 1, { status: 'done', rating: 'excellent' })],
      bonuses: [
        { unitId: 1, points: 3, reason: '承办全市行政复议工作现场会' },
        { unitId: 1, points: 4, reason: '典型经验被省司法厅推广' },
      ],
    });
    const justice = scoreOf(scores, 1);
    expect(kinds(justice)).toEqual([
      ['base', null, 100],
      ['done_on_time', 101, 2],
      ['rating', 101, 2],
      ['missing', 103, -5],
      ['bonus', null, 3],
      ['bonus', null, 2],
    ]);
    expect(justice.score).toBe(104);
    expect(justice.breakdown.map((item) => item.reason)).toEqual([
      '基础分',
      '（一）行政规范性文件清理：在完成时限（2026-03-20）内完成（牵头任务）',
      '（一）行政规范性文件清理：督办人评价为“优”（牵头任务）',
      '（三）综合行政执法改革：未报送进展（配合任务×0.5）',
      '加分：承办全市行政复议工作现场会',
      '加分：典型经验被省司法厅推广（已达本季度加分上限5分，按2分计）',
    ]);
    expect(justice.stats).toMatchObject({ tasks: 2, leadTasks: 1, supportTasks: 1, reported: 1, missing: 1, done: 1, doneOnTime: 1 });
  });

  it('says in every item which quarter it is of, its kind and its task in words', () => {
    const [justice] = scoreQuarter({
      quarter: 3,
      rules: defaultScoringRules,
      units: [units[0]!],
      tasks,
      periodDueDate,
      reports: [report(101, 1, { status: 'done' })],
      bonuses: [{ unitId: 1, points: 1, reason: '经验推广' }],
    });
    expect(justice!.breakdown.map((item) => [item.quarter, item.kindLabel, item.taskLabel])).toEqual([
      [3, '基础分', null],
      [3, '按时完成加分', '（一）行政规范性文件清理'],
      [3, '未报送扣分', '（三）综合行政执法改革'],
      [3, '加分', null],
    ]);
  });

  it('deducts for late and perfunctory reports and credits progress by percentage', () => {
    const [market] = scoreQuarter({
      quarter: 1,
      rules: defaultScoringRules,
      units: [units[1]!],
      tasks,
      periodDueDate,
      reports: [
        report(102, 2, { percent: 65, late: true, submittedAt: new Date('2026-03-27T02:00:00Z') }),
        report(101, 2, { perfunctory: true, rating: 'poor' }),
      ],
      bonuses: [],
    });
    expect(kinds(market!)).toEqual([
      ['base', null, 100],
      ['perfunctory', 101, -2.5],
      ['progress', 101, 0.25],
      ['rating', 101, -1],
      ['late', 102, -3],
      ['progress', 102, 0.65],
    ]);
    expect(market!.score).toBe(94.4);
  });

  it('gives progress credit, not the on-time credit, for work finished after its deadline', () => {
    const [justice] = scoreQuarter({
      quarter: 1,
      rules: defaultScoringRules,
      units: [units[0]!],
      tasks: [tasks[0]!],
      periodDueDate,
      // 2026-03-20 17:00 UTC is already 03-21 in Shanghai, after the task's 03-20 deadline.
      reports: [report(101, 1, { status: 'done', submittedAt: new Date('2026-03-20T17:00:00Z') })],
      bonuses: [],
    });
    expect(kinds(justice!)).toEqual([
      ['base', null, 100],
      ['progress', 101, 1],
    ]);
    expect(justice!.breakdown[1]?.reason).toContain('晚于完成时限（2026-03-20）');
  });

  it('uses the period due date for the on-time credit when a task has no deadline of its own', () => {
    const [market] = scoreQuarter({
      quarter: 1,
      rules: defaultScoringRules,
      units: [units[1]!],
      tasks: [tasks[1]!],
      periodDueDate,
      reports: [report(102, 2, { status: 'done', submittedAt: new Date('2026-03-25T15:00:00Z') })],
      bonuses: [],
    });
    expect(market!.breakdown[1]).toMatchObject({ kind: 'done_on_time', points: 2 });
  });

  it('weighs a supporting-only unit at half', () => {
    const [finance] = scoreQuarter({
      quarter: 1,
      rules: defaultScoringRules,
      units: [units[2]!],
      tasks,
      periodDueDate,
      reports: [report(102, 3, { status: 'done', rating: 'good' })],
      bonuses: [],
    });
    expect(kinds(finance!)).toEqual([
      ['base', null, 100],
      ['done_on_time', 102, 1],
      ['rating', 102, 0.5],
    ]);
    expect(finance!.stats).toMatchObject({ leadTasks: 0, supportTasks: 1 });
  });

  it('leaves a unit with no tasks at its base score', () => {
    const scores = scoreQuarter({ quarter: 1, rules: defaultScoringRules, units, tasks, periodDueDate, reports: [], bonuses: [] });
    const archives = scoreOf(scores, 4);
    expect(archives.score).toBe(100);
    expect(kinds(archives)).toEqual([['base', null, 100]]);
    expect(archives.stats.tasks).toBe(0);
  });

  it('deducts every missing report in a quarter with no reports', () => {
    const scores = scoreQuarter({ quarter: 1, rules: defaultScoringRules, units, tasks, periodDueDate, reports: [], bonuses: [] });
    expect(scores.map((s) => [s.unitId, s.score, s.stats.missing])).toEqual([
      [1, 85, 2],
      [2, 85, 2],
      [3, 95, 1],
      [4, 100, 0],
      [5, 90, 1],
      [6, 90, 1],
    ]);
  });

  it('applies a custom rule set', () => {
    const rules = scoringRulesSchema.parse({
      base: 60,
      deductions: { missingReport: 20, lateReport: 0 },
      credits: { doneOnTime: 10, progress: 10, progressWithoutPercent: 0 },
      roleWeights: { lead: 2, support: 1 },
      ratingPoints: { excellent: 5 },
      bonusCap: 0,
    });
    const [chengguan] = scoreQuarter({
      quarter: 1,
      rules,
      units: [units[4]!],
      tasks,
      periodDueDate,
      reports: [report(103, 5, { percent: 30, late: true, rating: 'excellent' })],
      bonuses: [{ unitId: 5, points: 2, reason: '创新做法' }],
    });
    expect(kinds(chengguan!)).toEqual([
      ['base', null, 60],
      ['late', 103, 0],
      ['progress', 103, 6],
      ['rating', 103, 10],
      ['bonus', null, 0],
    ]);
    expect(chengguan!.score).toBe(76);
    expect(chengguan!.breakdown[1]?.reason).toBe('（三）综合行政执法改革：逾期报送（牵头任务×2）');
  });

  it('scores the substance only: when in the day a report arrived makes no difference', () => {
    const at = (iso: string) =>
      scoreQuarter({
        quarter: 1,
        rules: defaultScoringRules,
        units: [units[4]!, units[5]!],
        tasks,
        periodDueDate,
        reports: [report(103, 5, { percent: 50, submittedAt: new Date(iso) }), report(103, 6, { percent: 50 })],
        bonuses: [],
      });
    const [early, late] = [at('2026-03-02T00:30:00Z'), at('2026-03-25T15:59:00Z')];
    expect(early[0]!.scoreHundredths).toBe(early[1]!.scoreHundredths);
    expect(late[0]!.scoreHundredths).toBe(early[0]!.scoreHundredths);
  });

  it('uses the latest report when given several for the same task and unit, in any order', () => {
    const older = report(103, 5, { percent: 10, submittedAt: new Date('2026-03-10T02:00:00Z') });
    const newer = report(103, 5, { percent: 90, submittedAt: new Date('2026-03-20T02:00:00Z') });
    const score = (reports: ScoringReport[]) =>
      scoreQuarter({ quarter: 1, rules: defaultScoringRules, units: [units[4]!], tasks, periodDueDate, reports, bonuses: [] })[0]!.score;
    expect(score([older, newer])).toBe(100.9);
    expect(score([newer, older])).toBe(100.9);
  });

  it('rejects a bonus that is not positive', () => {
    expect(() =>
      scoreQuarter({ quarter: 1, rules: defaultScoringRules, units, tasks, periodDueDate, reports: [], bonuses: [{ unitId: 1, points: -1, reason: 'x' }] }),
    ).toThrow(RangeError);
  });

  it('always has a breakdown that adds up exactly to the score', () => {
    const money = fc.integer({ min: 0, max: 2000 }).map((n) => n / 100);
    const rulesArb = fc.record({
      base: money,
      deductions: fc.record({ missingReport: money, lateReport: money, perfunctoryReport: money }),
      credits: fc.record({ doneOnTime: money, progress: money, progressWithoutPercent: fc.double({ min: 0, max: 1, noNaN: true }) }),
      roleWeights: fc.record({ lead: fc.double({ min: 0, max: 3, noNaN: true }), support: fc.double({ min: 0, max: 3, noNaN: true }) }),
      bonusCap: money,
    });
    const unitIds = [1, 2, 3, 4, 5, 6];
    const reportArb = fc.record({
      taskId: fc.constantFrom(101, 102, 103),
      unitId: fc.constantFrom(...unitIds),
      status: fc.constantFrom('not_started', 'in_progress', 'done', 'blocked') as fc.Arbitrary<ScoringReport['status']>,
      percent: fc.option(fc.integer({ min: 0, max: 100 })),
      submittedAt: fc.integer({ min: Date.parse('2026-03-01'), max: Date.parse('2026-04-10') }).map((ms) => new Date(ms)),
      late: fc.boolean(),
      perfunctory: fc.boolean(),
      rating: fc.option(fc.constantFrom('excellent', 'good', 'fair', 'poor') as fc.Arbitrary<ScoringReport['rating'] & string>),
    });
    const bonusArb = fc.record({
      unitId: fc.constantFrom(...unitIds),
      points: fc.integer({ min: 1, max: 800 }).map((n) => n / 100),
      reason: fc.constant('理由'),
    });
    fc.assert(
      fc.property(rulesArb, fc.array(reportArb, { maxLength: 15 }), fc.array(bonusArb, { maxLength: 5 }), (rawRules, reports, bonuses) => {
        const rules = scoringRulesSchema.parse(rawRules);
        for (const score of scoreQuarter({ quarter: 1, rules, units, tasks, periodDueDate, reports, bonuses })) {
          expect(Number.isInteger(score.scoreHundredths)).toBe(true);
          expect(score.breakdown.every((item) => Number.isInteger(item.hundredths))).toBe(true);
          expect(score.breakdown.reduce((sum, item) => sum + item.hundredths, 0)).toBe(score.scoreHundredths);
          expect(Math.round(score.breakdown.reduce((sum, item) => sum + item.points, 0) * 100) / 100).toBe(score.score);
          const bonusTotal = score.breakdown.filter((item) => item.kind === 'bonus').reduce((sum, item) => sum + item.hundredths, 0);
          expect(bonusTotal).toBeLessThanOrEqual(Math.round(rules.bonusCap * 100));
        }
      }),
    );
  });
});
