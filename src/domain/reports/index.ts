export {
  annualDraftNote,
  buildAnnualReportDraft,
  type AnnualReportDraft,
  type BuildAnnualReportDraftInput,
  type DraftNextStep,
  type DraftProblem,
  type DraftSection,
  type DraftTask,
  type DraftUnitContribution,
} from './build-annual-report-draft.js';
export {
  buildDigest,
  type BuildDigestInput,
  type Digest,
  type DigestBlockedTask,
  type DigestMissingUnit,
  type DigestNewReport,
  type DigestOverdueTask,
  type DigestSectionCompletion,
} from './build-digest.js';
export { formatChineseDate, formatChineseNumeral, isTaskDone } from './report-helpers.js';
export type { ReportEntry, ReportSection, ReportTask, ReportUnit } from './report-input.js';
