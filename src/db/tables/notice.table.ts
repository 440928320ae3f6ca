import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Id, Json, LocalDate, NullableTimestamp } from './common.js';

export type NoticeSourceKind = 'text' | 'docx' | 'pdf' | 'html';
import type { TaskRole, TaskState } from '../../domain/cycle/index.js';

export type { TaskRole, TaskState };
export type TaskActionKind = 'close' | 'reopen' | 'send_back' | 'extend';

export interface NoticesTable {
  id: Id;
  workspace_id: number;
  year: number;
  version: number;
  title: string | null;
  issuer: string | null;
  source_kind: NoticeSourceKind;
  source_name: string | null;
  source_text: string;
  parsed: Json<unknown>;
  is_current: Generated<boolean>;
  imported_by: string;
  imported_at: CreatedAt;
}

export interface SectionsTable {
  id: Id;
  workspace_id: number;
  notice_id: number;
  no: number;
  title: string;
  position: number;
}

export interface TasksTable {
  id: Id;
  workspace_id: number;
  year: number;
  notice_id: number;
  section_id: number | null;
  seq: number;
  label: string;
  no: number;
  title: string;
  body: string;
  deadline_phrase: string | null;
  due_date: LocalDate | null;
  extended_due_date: LocalDate | null;
  targets: ColumnType<string[], string[] | string | undefined, string[] | string>;
  leader_person: string | null;
  state: Generated<TaskState>;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  retired_at: NullableTimestamp;
  /** Who retired the task by hand (/task remove) and why; null when a revised notice dropped it. */
  retired_by: ColumnType<string | null, string | null | undefined, string | null>;
  retired_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The fields a coordinator corrected by hand ('added' for a task added by hand): a re-import keeps them where the notice did not change. */
  corrected_fields: ColumnType<string[], string | undefined, string>;
  /** The first day the task asks for reports; null: the whole of its year. */
  in_force_from: ColumnType<LocalDate | null, LocalDate | null | undefined, LocalDate | null>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface TaskUnitsTable {
  id: Id;
  workspace_id: number;
  task_id: number;
  unit_id: number | null;
  collective_id: number | null;
  role: TaskRole;
  position: number;
  name_as_written: string;
}

export interface TaskActionsTable {
  id: Id;
  workspace_id: number;
  task_id: number;
  action: TaskActionKind;
  reason: string | null;
  new_due_date: LocalDate | null;
  actor_id: string;
  created_at: CreatedAt;
}
