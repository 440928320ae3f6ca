import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Id, Json } from './common.js';

export interface WorkspacesTable {
  id: Id;
  guild_id: string;
  name: string;
  region_name: string | null;
  time_zone: Generated<string>;
  coordinator_role_id: string | null;
  leader_role_id: string | null;
  summary_channel_id: string | null;
  escalation_channel_id: string | null;
  reminder_plan: Json<unknown> | null;
  scoring_rules: Json<unknown> | null;
  /** Quarterly by default; monthly or custom periods (reportingCadenceSchema without the year). */
  reporting_cadence: Json<unknown> | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
