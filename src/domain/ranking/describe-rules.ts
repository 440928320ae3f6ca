import { formatPoints, formatShare } from './score-points.js';
import { reportRatingLabels, reportRatings, type ScoringRules, type YearlyRule } from './scoring-rules.schema.js';

function describeYearly(yearly: YearlyRule): string {
  switch (yearly.method) {
    case 'average':
      return '年度得分为各季度得分的平均值（未评分的季度不计入）。';
    case 'sum':
      return '年度得分为各季度得分之和。';
    case 'weighted': {
      const total = yearly.weights.reduce((sum, w) => sum + w, 0);
      const parts = yearly.weights.map((w, i) => `第${'一二三四'[i]}季度${formatShare(w / total)}`);
      return `年度得分按季度加权平均：${parts.join('，')}（未评分的季度不计入，其余按比例折算）。`;
    }
  }
}

/** The rule set in plain Chinese, one line each, as shown to units and leaders. */
export function describeRules(rules: ScoringRules): string[] {
  const { deductions, credits, roleWeights, ratingPoints } = rules;
  const ratings = reportRatings
    .map((rating) => {
      const value = ratingPoints[rating];
      return `${reportRatingLabels[rating]}${value > 0 ? '加' : value < 0 ? '扣' : ''}${formatPoints(Math.abs(value))}分`;
    })
    .join('，');
  return [
    `每个单位每季度基础分${formatPoints(rules.base)}分。`,
    `以下与任务相关的扣分、加分和评价分，牵头任务按${formatPoints(roleWeights.lead)}倍计，配合任务按${formatPoints(roleWeights.support)}倍计。`,
    `应报送而未报送进展的，每项扣${formatPoints(deductions.missingReport)}分。`,
    `逾期报送的，每项扣${formatPoints(deductions.lateReport)}分。`,
    `报送内容被督办人认定为敷衍应付的，每项扣${formatPoints(deductions.perfunctoryReport)}分。`,
    `在完成时限内报告“已完成”的任务，每项加${formatPoints(credits.doneOnTime)}分。`,
    `尚未完成的任务按完成百分比加分，满分${formatPoints(credits.progress)}分；推进中但未填写百分比的按${formatShare(credits.progressWithoutPercent)}计；超过完成时限才完成的按满分计进展分。`,
    `督办人可对每份进展评价：${ratings}。`,
    `加分须写明理由，每个单位每季度加分合计不超过${formatPoints(rules.bonusCap)}分。`,
    describeYearly(rules.yearly),
    '评分只看工作实绩，不计点击次数、在线时长或回复快慢。',
    '本季度没有考核任务的单位不参加排名。',
  ];
}
