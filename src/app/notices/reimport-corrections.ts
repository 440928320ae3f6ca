import { ADDED_BY_HAND, settleCorrections, type CorrectableField, type NoticeDiff, type ParsedTask } from '../../domain/notice/index.js';
import type { CorrectedTaskRecord, TaskUnitRow } from '../../ports.js';
import type { BeforeTask } from './current-notice.js';
import { taskReference } from './task-reference.js';

/*
 * What a re-import does with a coordinator's corrections (/task edit, add, remove): a corrected field
 * the revised notice left as it was keeps the correction; one the notice changed takes the notice's
 * new content, and the preview says so. A task added by hand stays (or becomes the notice's own when
 * the revision now lists it); a task retired by hand stays retired.
 */

/** One line of the re-import diff about a correction, as data (the preview words it). */
export interface CorrectionNote {
  /** How people refer to the task: 三（二） 标题. */
  task: string;
  kind: 'kept' | 'replaced' | 'added_kept' | 'added_now_in_notice' | 'removed_kept';
  fields: CorrectableField[];
  /** The coordinator's values of the fields, in the same order. */
  values: string[];
}

/** What the import does with one task a coordinator touched. */
export interface SettledTask {
  taskId: number;
  record: CorrectedTaskRecord;
  /** The index of the revised notice's task it matched, or null when the revision does not list it. */
  matchedIndex: number | null;
  kept: CorrectableField[];
}

const names = (units: readonly TaskUnitRow[], role: 'lead' | 'support') =>
  units
    .filter((u) => u.role === role)
    .map((u) => u.nameAsWritten)
    .join('、') || '无';

function valueOf(field: CorrectableField, record: CorrectedTaskRecord): string {
  switch (field) {
    case 'title':
      return record.title;
    case 'lead':
      return names(record.units, 'lead');
    case 'supporting':
      return names(record.units, 'support');
    case 'deadline':
      return record.deadlinePhrase ?? record.dueDate ?? '无';
    case 'section':
      return record.sectionNo === null ? '无' : `第 ${record.sectionNo} 部分`;
  }
}

const refer = (task: ParsedTask) => `${taskReference(task)} ${task.title}`;

/** Settles every touched task of the diff: which corrections stay, and the notes for the preview. */
export function settleReimportCorrections(
  diff: NoticeDiff<BeforeTask>,
  newIndexOf: (task: BeforeTask) => number,
): { settled: SettledTask[]; notes: CorrectionNote[] } {
  const settled: SettledTask[] = [];
  const notes: CorrectionNote[] = [];
  for (const change of diff.matched) {
    const record = change.before.record;
    if (!record) continue;
    const matchedIndex = newIndexOf(change.after);
    if (record.retiredByHand) {
      settled.push({ taskId: record.id, record, matchedIndex, kept: [] });
      notes.push({ task: refer(change.after), kind: 'removed_kept', fields: [], values: [] });
      continue;
    }
    if (record.correctedFields.includes(ADDED_BY_HAND)) {
      settled.push({ taskId: record.id, record, matchedIndex, kept: [] });
      notes.push({ task: refer(change.after), kind: 'added_now_in_notice', fields: [], values: [] });
      continue;
    }
    const { kept, replaced } = settleCorrections(record.correctedFields, change.before, change.after);
    settled.push({ taskId: record.id, record, matchedIndex, kept });
    if (kept.length) notes.push({ task: refer(change.after), kind: 'kept', fields: kept, values: kept.map((f) => valueOf(f, record)) });
    if (replaced.length) notes.push({ task: refer(change.after), kind: 'replaced', fields: replaced, values: replaced.map((f) => valueOf(f, record)) });
  }
  for (const before of diff.removed) {
    const record = before.record;
    if (!record?.correctedFields.includes(ADDED_BY_HAND) || record.retiredByHand) continue;
    settled.push({ taskId: record.id, record, matchedIndex: null, kept: [] });
    notes.push({ task: refer(before), kind: 'added_kept', fields: [], values: [] });
  }
  return { settled, notes };
}

/** The names on a kept task: the coordinator's lead or supporting units where the correction stays, the notice's otherwise. */
export function keepCorrectedUnits(fromNotice: readonly TaskUnitRow[], record: CorrectedTaskRecord, kept: readonly CorrectableField[]): TaskUnitRow[] {
  const pick = (role: 'lead' | 'support', field: CorrectableField) => (kept.includes(field) ? record.units : fromNotice).filter((u) => u.role === role);
  const leads = pick('lead', 'lead');
  const same = (a: TaskUnitRow, b: TaskUnitRow) => (a.unitId !== null ? a.unitId === b.unitId : a.collectiveId === b.collectiveId);
  const supports = pick('support', 'supporting').filter((row) => !leads.some((lead) => same(lead, row)));
  return [...leads, ...supports].map((row, index) => ({ ...row, position: index + 1 }));
}
