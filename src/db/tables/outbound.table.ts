import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Id, Json, NullableTimestamp } from './common.js';
import type { DeliveryStatus } from './delivery.table.js';

export type OutboundKind = 'task_action' | 'dm_fallback' | 'calendar_coverage';
export type OutboundAudience = 'unit' | 'coordinators';

/** Everything the bot posts on its own besides reminders, kept like the reminder ledger. */
export interface OutboundMessagesTable {
  id: Id;
  workspace_id: number;
  kind: OutboundKind;
  dedupe_key: string;
  audience: OutboundAudience;
  unit_id: number | null;
  payload: Json<unknown>;
  status: Generated<DeliveryStatus>;
  nonce: string;
  attempts: Generated<number>;
  channel_id: string | null;
  message_id: string | null;
  fallback_used: Generated<boolean>;
  last_error: string | null;
  claim_token: string | null;
  claimed_at: NullableTimestamp;
  first_claimed_at: NullableTimestamp;
  sent_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
