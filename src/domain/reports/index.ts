export {
  annualDraftNote,
  buildAnnualReportDraft,
  stripStatusWord,
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
export { formatChineseDate, isTaskSettled, otherSectionTitle } from './report-helpers.js';
export type { NamedUnits, ReportSection, ReportTask } from './report-input.js';
