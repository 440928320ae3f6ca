import type { NoticeSourceKind } from '../db/tables/index.js';
import type { ParsedNotice } from '../domain/notice/index.js';
import type { TaskRole } from '../domain/cycle/index.js';

/** The notice in force for a year, with its live tasks' ids by their place in it (seq order). */
export interface CurrentNoticeRecord {
  readonly id: number;
  readonly version: number;
  readonly parsed: ParsedNotice;
  readonly liveTaskIds: readonly { readonly id: number; readonly seq: number }[];
  /**
   * The notice's tasks a coordinator corrected, added or retired by hand (/task edit, add, remove),
   * live or retired, with their current values: what a re-import must keep.
   */
  readonly correctedTasks: readonly CorrectedTaskRecord[];
}

/** A task as a coordinator left it, for a re-import to keep. */
export interface CorrectedTaskRecord {
  readonly id: number;
  readonly seq: number;
  readonly no: number;
  readonly label: string;
  readonly sectionNo: number | null;
  readonly title: string;
  readonly body: string;
  readonly deadlinePhrase: string | null;
  readonly dueDate: string | null;
  readonly correctedFields: readonly string[];
  /** Retired with /task remove. */
  readonly retiredByHand: boolean;
  readonly units: readonly TaskUnitRow[];
}

export interface NewNotice {
  workspaceId: number;
  year: number;
  version: number;
  title: string | null;
  issuer: string | null;
  sourceKind: NoticeSourceKind;
  sourceName: string | null;
  sourceText: string;
  parsed: ParsedNotice;
  importedBy: string;
}

/** A task's fields as a notice gives them. */
export interface NoticeTaskFields {
  sectionId: number | null;
  seq: number;
  label: string;
  no: number;
  title: string;
  body: string;
  deadlinePhrase: string | null;
  dueDate: string | null;
  targets: readonly string[];
  leaderPerson: string | null;
}

/** A name on a task pointing at a unit or a collective name. */
export interface TaskUnitRow {
  unitId: number | null;
  collectiveId: number | null;
  role: TaskRole;
  position: number;
  nameAsWritten: string;
}

/** Notices, their sections and tasks as an import writes them. */
export interface NoticeStore {
  findCurrent(workspaceId: number, year: number): Promise<CurrentNoticeRecord | undefined>;
  /** The highest version imported for the year, 0 for none. */
  latestVersion(workspaceId: number, year: number): Promise<number>;
  /** Makes every notice of the year no longer current, then adds this one as current. */
  insertCurrent(notice: NewNotice): Promise<number>;
  /** Adds the sections in order; their ids in the same order. */
  insertSections(workspaceId: number, noticeId: number, sections: readonly { no: number; title: string }[]): Promise<number[]>;
  /** Moves the year's live task numbers out of the way of a new numbering (the seq index is unique). */
  renumberLiveTasksAside(workspaceId: number, year: number): Promise<void>;
  retireTasks(taskIds: readonly number[], at: Date): Promise<void>;
  /** Rewrites kept tasks with a revision's fields, in one statement. */
  updateTasks(noticeId: number, tasks: readonly { id: number; fields: NoticeTaskFields }[], at: Date): Promise<void>;
  /** New tasks, in one statement; their ids in the same order. `inForceFrom` is set when they join a year under way (a revision). */
  insertTasks(workspaceId: number, year: number, noticeId: number, tasks: readonly NoticeTaskFields[], inForceFrom: string | null): Promise<number[]>;
  /** The notice's sections in order. */
  listSections(noticeId: number): Promise<{ id: number; no: number; title: string }[]>;
  /** Replaces the names on these tasks. */
  replaceTaskUnits(workspaceId: number, units: ReadonlyMap<number, readonly TaskUnitRow[]>): Promise<void>;
}
