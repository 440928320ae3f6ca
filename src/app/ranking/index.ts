export { awardBonus, type AwardBonusInput, type AwardedBonus } from './award-bonus.js';
export { buildQuarterReport, rankQuarter, toScoreInput } from './rank-quarter.js';
export { rankYear } from './rank-year.js';
export { rankedCategories, type RankedCategory, type RankQuarterInput, type RankYearInput } from './ranking-input.schema.js';
export type { BreakdownRow, LedgerPeriod, LedgerTask, RankingReport, TaskStatusRow, UnitResult } from './ranking-report.js';
export { ledgerStatusLabel, taskRoleLabels } from './ranking-report.js';
export { scoreItemLabels } from '../../domain/ranking/index.js';
export { saveRankingSnapshot } from './ranking-snapshot.js';
export { assembleQuarterInput, loadQuarterScoringInput, quarterKey, type Quarter, type QuarterScoringData } from './scoring-data.js';
export {
  changeScoringRules,
  readScoringRules,
  setScoringRules,
  validateScoringRules,
  type ScoringRuleChanges,
  type ScoringRulesView,
} from './scoring-rules.js';
