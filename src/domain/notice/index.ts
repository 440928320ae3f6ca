export { parseNotice } from './parse-notice.js';
export { diffNotices } from './diff.js';
export type { DiffableTask, NoticeDiff, TaskChange } from './diff.js';
export { normalizeDeadline } from './deadline.js';
export { isCollectiveUnit } from './units.js';
export type { LineAccount, LineKind, NoticeDiagnostic, ParsedNotice, ParsedSection, ParsedTask, Severity, TaskUnit } from './types.js';
