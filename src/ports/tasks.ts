import type { TaskState } from '../domain/cycle/index.js';

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
  /** The note of each task's latest 办结 (null when it was closed without one). */
  listClosingNotes(taskIds: readonly number[]): Promise<Map<number, string | null>>;
}
