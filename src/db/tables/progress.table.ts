import type { Generated } from 'kysely';
import type { CreatedAt, Id, LocalDate, NullableTimestamp } from './common.js';

export type ProgressStatus = 'not_started' | 'in_progress' | 'done' | 'blocked';
export type ReportRating = 'excellent' | 'good' | 'fair' | 'poor';
export type ProgressSource = 'modal' | 'command' | 'reply' | 'cli';

export interface ReportingPeriodsTable {
  id: Id;
  workspace_id: number;
  year: number;
  key: string;
  label: string;
  starts_on: LocalDate;
  ends_on: LocalDate;
  due_date: LocalDate;
  closed_at: NullableTimestamp;
  closed_by: string | null;
  created_at: CreatedAt;
}

export interface ProgressReportsTable {
  id: Id;
  workspace_id: number;
  task_id: number;
  unit_id: number;
  period_id: number;
  status: ProgressStatus;
  body: string;
  percent: number | null;
  revision: Generated<number>;
  late: Generated<boolean>;
  perfunctory: Generated<boolean>;
  rating: ReportRating | null;
  rated_by: string | null;
  first_submitted_at: CreatedAt;
  last_submitted_at: Generated<Date>;
  /** Set when a coordinator sends the report back (退回): the unit owes a new revision. */
  sent_back_at: NullableTimestamp;
  sent_back_reason: string | null;
}

export interface ProgressRevisionsTable {
  id: Id;
  workspace_id: number;
  report_id: number;
  revision: number;
  status: ProgressStatus;
  body: string;
  percent: number | null;
  late: boolean;
  source: ProgressSource;
  submitted_by: string;
  submitted_at: CreatedAt;
}

export interface EvidenceFilesTable {
  id: Id;
  workspace_id: number;
  revision_id: number;
  filename: string;
  content_type: string | null;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  created_at: CreatedAt;
}
