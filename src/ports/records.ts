import type { CyclePeriod, CycleTask, TaskRole } from '../domain/cycle/index.js';
import type { UnitCategory } from '../domain/units/index.js';

/** A guild's workspace: its settings as stored. */
export interface Workspace {
  readonly id: number;
  readonly guild_id: string;
  readonly name: string;
  readonly region_name: string | null;
  readonly time_zone: string;
  readonly coordinator_role_id: string | null;
  readonly leader_role_id: string | null;
  readonly summary_channel_id: string | null;
  readonly escalation_channel_id: string | null;
  readonly reminder_plan: unknown;
  readonly scoring_rules: unknown;
  readonly reporting_cadence: unknown;
  readonly created_at: Date;
  readonly updated_at: Date;
}

export interface Unit {
  readonly id: number;
  readonly workspace_id: number;
  readonly name: string;
  readonly category: UnitCategory;
  readonly active: boolean;
  readonly created_at: Date;
}

export type LiaisonTargetKind = 'user' | 'role' | 'channel';
export type LiaisonPurpose = 'liaison' | 'leader';

export interface Liaison {
  readonly id: number;
  readonly workspace_id: number;
  readonly unit_id: number;
  readonly target_kind: LiaisonTargetKind;
  readonly target_id: string;
  readonly purpose: LiaisonPurpose;
  readonly created_by: string;
  readonly created_at: Date;
}

/** A unit as the cycle's views name it. */
export interface UnitRef {
  readonly id: number;
  readonly name: string;
  readonly category: UnitCategory;
}

/** A live task with what the views show of it besides the rules' fields. */
export interface TaskRecord extends CycleTask {
  readonly no: number;
  readonly sectionNo: number | null;
  readonly sectionTitle: string | null;
  /** 完成时限 as the notice words it. */
  readonly deadlinePhrase: string | null;
}

/** A reporting period as stored. */
export interface PeriodRecord extends CyclePeriod {
  readonly year: number;
  readonly closedAt: Date | null;
  readonly closedBy: string | null;
}

/** A name on a task as the notice wrote it: a unit, or a collective name standing for its members. */
export interface TaskUnitName {
  readonly name: string;
  readonly role: TaskRole;
  readonly unitId: number | null;
  readonly collectiveId: number | null;
}
