import type { ParsedTask } from './types.js';

/**
 * A coordinator's corrections of what the parser read (/task edit): which fields were set by hand.
 * A later re-import of a revised notice keeps a correction where the revision left that field of the
 * task as it was, and takes the notice's new content where the revision changed it.
 */
export const correctableFields = ['title', 'lead', 'supporting', 'deadline', 'section'] as const;
export type CorrectableField = (typeof correctableFields)[number];
/** Marks a task a coordinator added by hand (/task add): not in any notice. */
export const ADDED_BY_HAND = 'added';

export function isCorrectableField(value: string): value is CorrectableField {
  return (correctableFields as readonly string[]).includes(value);
}

type Readable = Pick<ParsedTask, 'title' | 'lead' | 'supporting' | 'deadline' | 'dueDate' | 'section'>;

/** Whether two readings of a task (the notice before and after a revision) differ in one field. */
export function fieldChanged(field: CorrectableField, before: Readable, after: Readable): boolean {
  switch (field) {
    case 'title':
      return before.title !== after.title;
    case 'lead':
      return before.lead !== after.lead;
    case 'supporting':
      return before.supporting.join('、') !== after.supporting.join('、');
    case 'deadline':
      return before.deadline !== after.deadline || before.dueDate !== after.dueDate;
    case 'section':
      return before.section !== after.section;
  }
}

/**
 * Which of a task's corrections a revision keeps (the notice did not change that field) and which
 * it replaces with the notice's new content (it did).
 */
export function settleCorrections(corrected: readonly string[], before: Readable, after: Readable): { kept: CorrectableField[]; replaced: CorrectableField[] } {
  const kept: CorrectableField[] = [];
  const replaced: CorrectableField[] = [];
  for (const field of corrected.filter(isCorrectableField)) (fieldChanged(field, before, after) ? replaced : kept).push(field);
  return { kept, replaced };
}
