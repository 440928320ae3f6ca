export {
  labelProgressStatus,
  parseProgressStatus,
  progressStatusLabels,
  progressStatusSchema,
  progressStatuses,
  type ProgressStatus,
} from './progress-status.js';
export {
  maxProgressTextLength,
  progressSubmissionSchema,
  readPercentField,
  type ProgressSubmission,
  type ProgressSubmissionInput,
} from './progress-submission.schema.js';
export { decideEdit, findLatestRevision, nextRevisionNumber, type EditDecision, type ProgressRevision } from './revision-history.js';
