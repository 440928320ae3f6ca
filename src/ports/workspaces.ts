import type { Workspace } from './records.js';

export interface WorkspaceSettings {
  name?: string;
  region_name?: string | null;
  time_zone?: string;
  coordinator_role_id?: string | null;
  leader_role_id?: string | null;
  summary_channel_id?: string | null;
  escalation_channel_id?: string | null;
  reminder_plan?: string | null;
  scoring_rules?: string | null;
  reporting_cadence?: string | null;
}

export interface WorkspaceStore {
  /** The workspace of a guild, created on first sight; the name follows the guild's. */
  ensure(guildId: string, name: string): Promise<Workspace>;
  findByGuild(guildId: string): Promise<Workspace | undefined>;
  findById(id: number): Promise<Workspace | undefined>;
  /** Settings given as JSON text where they are JSON. */
  update(id: number, settings: WorkspaceSettings): Promise<Workspace>;
  /** Workspaces with a notice in force (the daily reconcile's list). */
  listWithCurrentNotice(): Promise<number[]>;
  /** The workspace a record belongs to (a DM's button carries only record ids). */
  findIdOf(record: { kind: 'reminder' | 'unit'; id: number } | { kind: 'draft'; id: string }): Promise<number | undefined>;
  /** Takes the workspace's lock of this kind until the transaction ends (serialises reconciles across processes). */
  lockForTransaction(workspaceId: number, lock: number): Promise<void>;
}
