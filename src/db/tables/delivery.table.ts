import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Id, Json, NullableTimestamp, Timestamp } from './common.js';

export type ReminderStage = 'before5' | 'before1' | 'due' | 'after1' | 'after3' | 'nudge';
export type ReminderAudience = 'liaison' | 'escalation';
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'skipped';
export type ScheduleKind = 'weekly_digest' | 'quarterly_ranking';

export interface ReminderDeliveriesTable {
  id: Id;
  workspace_id: number;
  unit_id: number;
  period_id: number;
  stage: ReminderStage;
  occasion: Generated<string>;
  audience: Generated<ReminderAudience>;
  status: Generated<DeliveryStatus>;
  fire_at: Timestamp;
  nonce: string;
  attempts: Generated<number>;
  channel_id: string | null;
  message_id: string | null;
  fallback_used: Generated<boolean>;
  last_error: string | null;
  claimed_at: NullableTimestamp;
  /** Fences a worker whose lease ran out: only the current claim may record the outcome. */
  claim_token: string | null;
  first_claimed_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SchedulesTable {
  id: Id;
  workspace_id: number;
  kind: ScheduleKind;
  enabled: Generated<boolean>;
  cron: string | null;
  time_zone: Generated<string>;
  channel_id: string | null;
  dm_leaders: Generated<boolean>;
  options: ColumnType<Record<string, unknown>, Record<string, unknown> | string | undefined, Record<string, unknown> | string>;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface HolidayCalendarsTable {
  workspace_id: number;
  year: number;
  holidays: Json<string[]>;
  make_up_workdays: Json<string[]>;
  loaded_by: string;
  loaded_at: CreatedAt;
}

export interface ScoreAdjustmentsTable {
  id: Id;
  workspace_id: number;
  unit_id: number;
  period_id: number;
  /** numeric comes back from pg as a string: convert on purpose where read. */
  points: ColumnType<string, number | string, number | string>;
  reason: string;
  awarded_by: string;
  created_at: CreatedAt;
}

export interface RankingSnapshotsTable {
  id: Id;
  workspace_id: number;
  year: number;
  quarter: number | null;
  rules: Json<unknown>;
  result: Json<unknown>;
  created_by: string;
  created_at: CreatedAt;
}
