import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Id, Json, NullableTimestamp, Timestamp } from './common.js';
import type { ScheduleKind } from './delivery.table.js';

export type SummaryPostStatus = 'sending' | 'sent';

/** The delivery ledger of the leaders' summaries: one row per occurrence ("digest-2026-03-27", "ranking-2026-Q1"). */
export interface SummaryPostsTable {
  id: Id;
  workspace_id: number;
  kind: ScheduleKind;
  key: string;
  status: Generated<SummaryPostStatus>;
  nonce: string;
  attempts: Generated<number>;
  first_claimed_at: Timestamp;
  /** The lease: a claim younger than the lease belongs to another worker. */
  claimed_at: Timestamp;
  /** Fences a worker whose lease ran out: only the current claim may write the row. */
  claim_token: string | null;
  /** Target key ("channel:123", "dm:456") → message id, or 'failed' for a target that refused for good. */
  sent: Json<Record<string, string>>;
  sent_at: NullableTimestamp;
  created_at: CreatedAt;
}

/** A leader who asked for the leaders' summaries in their DMs (/summary dm). */
export interface SummarySubscribersTable {
  workspace_id: number;
  user_id: string;
  created_at: CreatedAt;
}

/** /ledger revoke: the person's ledger links issued before revoked_before are void in the workspace. */
export interface LedgerRevocationsTable {
  workspace_id: number;
  user_id: string;
  revoked_before: ColumnType<Date, Date | string, Date | string>;
}
