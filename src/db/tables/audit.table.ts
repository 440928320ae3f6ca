import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './common.js';

export type ActorKind = 'user' | 'system' | 'cli';

export interface AuditLogTable {
  /** bigint: pg returns int8 as a string. */
  id: ColumnType<string, never, never>;
  workspace_id: number | null;
  actor_id: string;
  actor_kind: Generated<ActorKind>;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  details: ColumnType<Record<string, unknown>, Record<string, unknown> | string | undefined, never>;
  at: CreatedAt;
}

export interface DraftsTable {
  id: string;
  workspace_id: number;
  kind: string;
  owner_id: string;
  payload: Json<unknown>;
  created_at: CreatedAt;
  expires_at: Timestamp;
}
