import { describe, expect, it } from 'vitest';
import { defaultScoringRules, describeRules, scoringBonusSchema, scoringRulesSchema } from '../../../src/domain/ranking/index.js';

describe('scoringRulesSchema', () => {
  it('has a documented default: base 100, deductions 10/3/5, lead 1 and support 0.5, bonus cap 5, yearly average', () => {
    expect(defaultScoringRules).toEqual({
      base: 100,
      deductions: { missingReport: 10, lateReport: 3, perfunctoryReport: 5 },
      credits: { doneOnTime: 2, progress: 1, progressWithoutPercent: 0.5 },
      roleWeights: { lead: 1, support: 0.5 },
      ratingPoints: { excellent: 2, good: 1, fair: 0, poor: -2 },
      bonusCap: 5,
      yearly: { method: 'average' },
    });
  });

  it('fills what a custom rule set leaves out with the defaults', () => {
    const rules = scoringRulesSchema.parse({ deductions: { missingReport: 20 }, yearly: { method: 'sum' } });
    expect(rules.deductions).toEqual({ missingReport: 20, lateReport: 3, perfunctoryReport: 5 });
    expect(rules.yearly).toEqual({ method: 'sum' });
  });

  it('rejects negative deductions and all-zero quarter weights', () => {
    expect(scoringRulesSchema.safeParse({ deductions: { lateReport: -3 } }).success).toBe(false);
    expect(scoringRulesSchema.safeParse({ yearly: { method: 'weighted', weights: [0, 0, 0, 0] } }).success).toBe(false);
    expect(scoringRulesSchema.safeParse({ yearly: { method: 'weighted', weights: [1, 1, 1] } }).success).toBe(false);
  });
});

describe('describeRules', () => {
  it('explains the default rules in plain Chinese', () => {
    expect(describeRules(defaultScoringRules)).toEqual([
      '每个单位每季度基础分100分。',
      '以下与任务相关的扣分、加分和评价分，牵头任务按1倍计，配合任务按0.5倍计。',
      '应报送而未报送进展的，每项扣10分。',
      '逾期报送的，每项扣3分。',
      '报送内容被督办人认定为敷衍应付的，每项扣5分。',
      '在完成时限内报告“已完成”的任务，每项加2分。',
      '尚未完成的任务按完成百分比加分，满分1分；推进中但未填写百分比的按50%计；超过完成时限才完成的按满分计进展分。',
      '督办人可对每份进展评价：优加2分，良加1分，中0分，差扣2分。',
      '加分须写明理由，每个单位每季度加分合计不超过5分。',
      '年度得分为各季度得分的平均值（未评分的季度不计入）。',
      '评分只看工作实绩，不计点击次数、在线时长或回复快慢。',
      '本季度没有考核任务的单位不参加排名。',
    ]);
  });

  it('explains a custom rule set, including quarter weights', () => {
    const lines = describeRules(
      scoringRulesSchema.parse({ base: 90, deductions: { missingReport: 20 }, yearly: { method: 'weighted', weights: [1, 1, 1, 2] } }),
    );
    expect(lines[0]).toBe('每个单位每季度基础分90分。');
    expect(lines[2]).toBe('应报送而未报送进展的，每项扣20分。');
    expect(lines).toContain('年度得分按季度加权平均：第一季度20%，第二季度20%，第三季度20%，第四季度40%（未评分的季度不计入，其余按比例折算）。');
    expect(describeRules(scoringRulesSchema.parse({ yearly: { method: 'sum' } }))).toContain('年度得分为各季度得分之和。');
  });
});

describe('scoringBonusSchema', () => {
  it('requires positive points and a written reason', () => {
    expect(scoringBonusSchema.parse({ unitId: 1, points: 2.5, reason: ' 经验被推广 ' })).toEqual({ unitId: 1, points: 2.5, reason: '经验被推广' });
    expect(scoringBonusSchema.safeParse({ unitId: 1, points: 0, reason: 'x' }).error?.issues[0]?.message).toBe('加分应为正数');
    expect(scoringBonusSchema.safeParse({ unitId: 1, points: 1, reason: '  ' }).error?.issues[0]?.message).toBe('请写明加分理由');
    expect(scoringBonusSchema.safeParse({ unitId: 1, points: 1, reason: '\u200b\u200c' }).error?.issues[0]?.message).toBe('请写明加分理由');
    expect(scoringBonusSchema.safeParse({ unitId: 1, points: 1.234, reason: 'x' }).success).toBe(false);
  });
});
