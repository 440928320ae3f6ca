export { combineYear, type QuarterScores, type YearScore } from './combine-year.js';
export { describeRules } from './describe-rules.js';
export { rankUnits, unitCategoryLabels, type RankableScore, type Ranking, type RankingEntry, type UnrankedUnit } from './rank-units.js';
export { formatPoints, roundToHundredths } from './score-points.js';
export { scoreQuarter, type ScoreQuarterInput } from './score-quarter.js';
export { scoreItemLabels } from './scoring-input.js';
export type {
  Quarter,
  ScoreItem,
  ScoreItemKind,
  ScoreStats,
  ScoringBonus,
  ScoringReport,
  ScoringTask,
  ScoringUnit,
  TaskRole,
  UnitCategory,
  UnitScore,
} from './scoring-input.js';
export {
  defaultScoringRules,
  reportRatingLabels,
  reportRatingSchema,
  reportRatings,
  scoringBonusSchema,
  scoringRulesSchema,
  type ReportRating,
  type ScoringRules,
  type ScoringRulesInput,
  type YearlyRule,
} from './scoring-rules.schema.js';
