import type { TaskState } from '../domain/cycle/index.js';
import type { TaskUnitRow } from './notices.js';

/** One task in full, as stored. */
export interface TaskDetailRecord {
  readonly id: number;
  readonly year: number;
  readonly seq: number;
  readonly no: number;
  readonly label: string;
  readonly sectionNo: number | null;
  readonly sectionTitle: string | null;
  readonly title: string;
  readonly body: string;
  readonly deadlinePhrase: string | null;
  readonly dueDate: string | null;
  readonly extendedDueDate: string | null;
  readonly targets: string[];
  readonly leaderPerson: string | null;
  readonly state: TaskState;
  readonly retired: boolean;
  /** The notice version the task belongs to. */
  readonly noticeId: number;
  /** Fields a coordinator corrected by hand ('added': the task itself was added by hand). */
  readonly correctedFields: readonly string[];
  /** Who retired it by hand (/task remove); null when live or dropped by a revised notice. */
  readonly retiredBy: string | null;
}

/** A coordinator's correction of a task's own columns; a field left out is not changed. */
export interface TaskCorrection {
  title?: string;
  deadlinePhrase?: string | null;
  dueDate?: string | null;
  sectionId?: number | null;
}

export type TaskActionKind = 'close' | 'reopen' | 'send_back' | 'extend';

export interface TaskActionRecord {
  readonly id: number;
  readonly action: TaskActionKind;
  readonly reason: string | null;
  readonly newDueDate: string | null;
  readonly actorId: string;
  readonly at: Date;
}

export interface TaskStore {
  /** A live task by its number in the year; `lock` holds it for the transaction. */
  findBySeq(workspaceId: number, year: number, seq: number, options?: { lock?: boolean }): Promise<TaskDetailRecord | undefined>;
  /** Any task of the workspace by id, retired ones too. */
  findById(workspaceId: number, taskId: number): Promise<TaskDetailRecord | undefined>;
  /** Live tasks whose number starts with, or title contains, what was typed. */
  search(workspaceId: number, year: number, typed: string, limit: number): Promise<{ seq: number; title: string }[]>;
  /** Tasks of the year's current notice retired by hand (what /task restore can bring back), by number or title. */
  searchRetired(workspaceId: number, year: number, typed: string, limit: number): Promise<{ seq: number; title: string }[]>;
  /** The status of the latest report on each task by any unit (null: none yet). */
  latestStatuses(taskIds: readonly number[]): Promise<Map<number, string | null>>;
  setState(taskId: number, change: { state: TaskState; at: Date; by: string | null }): Promise<void>;
  setExtendedDueDate(taskId: number, date: string, at: Date): Promise<void>;
  recordAction(input: {
    workspaceId: number;
    taskId: number;
    action: TaskActionKind;
    reason: string | null;
    newDueDate: string | null;
    actorId: string;
  }): Promise<number>;
  listActions(taskId: number): Promise<TaskActionRecord[]>;
  /** Writes a correction and the task's whole list of corrected fields. */
  correct(taskId: number, change: TaskCorrection, correctedFields: readonly string[], at: Date): Promise<void>;
  /** The names on the task as stored (units and collective names), in position order. */
  listUnitRows(taskId: number): Promise<TaskUnitRow[]>;
  /** Retires the task by hand: it leaves every view; its reports stay. */
  retire(taskId: number, change: { at: Date; by: string; reason: string | null }): Promise<void>;
  /** Brings a task retired by hand back, under this number. */
  restore(taskId: number, seq: number, at: Date): Promise<void>;
  /** The task of this notice retired by hand under this number, latest first. */
  findRetiredBySeq(workspaceId: number, noticeId: number, seq: number): Promise<TaskDetailRecord | undefined>;
  /** Whether a live task of the year holds this number. */
  seqTaken(workspaceId: number, year: number, seq: number): Promise<boolean>;
  /** One past the highest number of the notice's tasks (live or retired by hand) and the year's live ones. */
  nextSeq(workspaceId: number, year: number, noticeId: number): Promise<number>;
  /** The note of each task's latest 办结 (null when it was closed without one). */
  listClosingNotes(taskIds: readonly number[]): Promise<Map<number, string | null>>;
}
