export { parseNotice } from './parse-notice.js';
export { diffNotices } from './diff.js';
export type { DiffableTask, NoticeDiff, TaskChange } from './diff.js';
export { normalizeDeadline } from './deadline.js';
export { isCollectiveUnit } from './units.js';
export type { LineAccount, LineKind, NoticeDiagnostic, ParsedNotice, ParsedSection, ParsedTask, Severity, TaskUnit } from './types.js';
export { readDeadlineInput, type DeadlineInput } from './deadline-input.js';
export { addTask, correctTask, readTaskPosition, type CorrectedTask, type TaskCorrection } from './correct-tasks.js';
export { ADDED_BY_HAND, correctableFields, fieldChanged, isCorrectableField, settleCorrections, type CorrectableField } from './corrections.js';
