import { findUnitParenthesis } from './assignment.js';

/**
 * What changed between two versions of a notice's tasks, so a revised notice can be imported without losing the
 * progress reported on tasks that did not change. Tasks are matched by identical wording first, then by position
 * (section + number) when the wording is close, then by wording alone, so a renumbered task still matches.
 */

export interface DiffableTask {
  no: number;
  section: number | null;
  text: string;
  lead: string | null;
  supporting: readonly string[];
  /** The phrase that assigned the units, when known: left out when comparing wording. */
  unitsText?: string | null;
}

export interface TaskChange<T extends DiffableTask> {
  before: T;
  after: T;
  /** Wording similarity of the two texts without their unit lists, 0…1. */
  similarity: number;
  reworded: boolean;
  unitsChanged: boolean;
  leadChanged: boolean;
  unitsAdded: string[];
  unitsRemoved: string[];
}

export interface NoticeDiff<T extends DiffableTask> {
  added: T[];
  removed: T[];
  /** Every matched pair, in the new notice's order. */
  matched: TaskChange<T>[];
  reworded: TaskChange<T>[];
  unitsChanged: TaskChange<T>[];
  unchanged: TaskChange<T>[];
}

const SAME_PLACE_THRESHOLD = 0.5;
const ANYWHERE_THRESHOLD = 0.6;

export function diffNotices<T extends DiffableTask>(oldTasks: readonly T[], newTasks: readonly T[]): NoticeDiff<T> {
  const oldBodies = oldTasks.map(readBody);
  const newBodies = newTasks.map(readBody);
  const pairOfNew = new Array<number>(newTasks.length).fill(-1);
  const oldTaken = new Array<boolean>(oldTasks.length).fill(false);
  const take = (oldIndex: number, newIndex: number): void => {
    pairOfNew[newIndex] = oldIndex;
    oldTaken[oldIndex] = true;
  };

  // 1. Same wording.
  const oldByBody = new Map<string, number[]>();
  oldBodies.forEach((body, i) => oldByBody.set(body, [...(oldByBody.get(body) ?? []), i]));
  newBodies.forEach((body, j) => {
    const candidates = oldByBody.get(body)?.filter((i) => !oldTaken[i]) ?? [];
    const samePlace = candidates.find((i) => samePosition(oldTasks[i], newTasks[j]));
    const chosen = samePlace ?? candidates[0];
    if (chosen !== undefined) take(chosen, j);
  });

  // 2. Same place, close wording.
  newTasks.forEach((task, j) => {
    if (pairOfNew[j] !== -1) return;
    const i = oldTasks.findIndex((old, index) => !oldTaken[index] && samePosition(old, task));
    if (i !== -1 && similarity(oldBodies[i] ?? '', newBodies[j] ?? '') >= SAME_PLACE_THRESHOLD) take(i, j);
  });

  // 3. Close wording anywhere: best pairs first.
  const pairs: { i: number; j: number; score: number }[] = [];
  newTasks.forEach((_, j) => {
    if (pairOfNew[j] !== -1) return;
    oldTasks.forEach((__, i) => {
      if (oldTaken[i]) return;
      const score = similarity(oldBodies[i] ?? '', newBodies[j] ?? '');
      if (score >= ANYWHERE_THRESHOLD) pairs.push({ i, j, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score);
  for (const { i, j } of pairs) if (!oldTaken[i] && pairOfNew[j] === -1) take(i, j);

  const diff: NoticeDiff<T> = { added: [], removed: [], matched: [], reworded: [], unitsChanged: [], unchanged: [] };
  newTasks.forEach((after, j) => {
    const i = pairOfNew[j] ?? -1;
    const before = oldTasks[i];
    if (before === undefined) {
      diff.added.push(after);
      return;
    }
    const change = describeChange(before, after, oldBodies[i] ?? '', newBodies[j] ?? '');
    diff.matched.push(change);
    if (change.reworded) diff.reworded.push(change);
    if (change.unitsChanged) diff.unitsChanged.push(change);
    if (!change.reworded && !change.unitsChanged) diff.unchanged.push(change);
  });
  oldTasks.forEach((task, i) => {
    if (!oldTaken[i]) diff.removed.push(task);
  });
  return diff;
}

function samePosition(a: DiffableTask | undefined, b: DiffableTask | undefined): boolean {
  return a !== undefined && b !== undefined && a.section === b.section && a.no === b.no;
}

function describeChange<T extends DiffableTask>(before: T, after: T, beforeBody: string, afterBody: string): TaskChange<T> {
  const beforeUnits = unitNames(before);
  const afterUnits = unitNames(after);
  const unitsAdded = afterUnits.filter((unit) => !beforeUnits.includes(unit));
  const unitsRemoved = beforeUnits.filter((unit) => !afterUnits.includes(unit));
  const leadChanged = before.lead !== after.lead;
  return {
    before,
    after,
    similarity: beforeBody === afterBody ? 1 : similarity(beforeBody, afterBody),
    reworded: beforeBody !== afterBody,
    unitsChanged: leadChanged || unitsAdded.length > 0 || unitsRemoved.length > 0,
    leadChanged,
    unitsAdded,
    unitsRemoved,
  };
}

function unitNames(task: DiffableTask): string[] {
  return [...(task.lead === null ? [] : [task.lead]), ...task.supporting];
}

/** The wording without the unit list, spaces and punctuation: what "reworded" compares. */
function readBody(task: DiffableTask): string {
  let text = task.text;
  if (task.unitsText) {
    text = text.replace(`（${task.unitsText}）`, '').replace(task.unitsText, '');
  } else {
    const found = findUnitParenthesis(text);
    if (found && found.startsAt >= 0) text = text.slice(0, found.startsAt);
  }
  return text.replace(/[\s，。；：、“”‘’《》（）()〔〕【】!！?？,.;:]/g, '');
}

/** Dice coefficient over character bigrams: robust to small edits, cheap on short Chinese texts. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const counts = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const gram = a.slice(i, i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const gram = b.slice(i, i + 2);
    const count = counts.get(gram) ?? 0;
    if (count > 0) {
      shared++;
      counts.set(gram, count - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}
