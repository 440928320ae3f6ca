import type { UnitCategory } from '../domain/units/index.js';
import type { Liaison, LiaisonPurpose, LiaisonTargetKind, Unit } from './records.js';

export interface LiaisonInput {
  workspaceId: number;
  unitId: number;
  targetKind: LiaisonTargetKind;
  targetId: string;
  purpose: LiaisonPurpose;
}

export interface CollectiveView {
  readonly id: number;
  readonly name: string;
  /** Member unit names. */
  readonly members: string[];
}

/** What stops a merge: both units reported on one task in one period, or a reminder of the old unit being sent. */
export interface MergeClash {
  readonly sameReports: { seq: number; year: number; title: string; periodLabel: string }[];
  readonly sendingReminders: number;
}

/** Rows a merge moved onto the kept unit, by kind. */
export interface MergeMoved {
  readonly listings: number;
  readonly reports: number;
  readonly adjustments: number;
  readonly messages: number;
  readonly reminders: number;
  readonly memberships: number;
  readonly bindings: number;
  readonly aliases: number;
}

export interface UnitStore {
  create(workspaceId: number, name: string, category: UnitCategory): Promise<Unit>;
  list(workspaceId: number): Promise<Unit[]>;
  findById(workspaceId: number, unitId: number): Promise<Unit | undefined>;
  /** By its name or one of its aliases (区法制局 → 区司法局 after a reorganisation). */
  findByNameOrAlias(workspaceId: number, name: string): Promise<Unit | undefined>;
  addAlias(workspaceId: number, unitId: number, alias: string): Promise<void>;
  listAliases(workspaceId: number): Promise<{ unitId: number; alias: string }[]>;
  rename(workspaceId: number, unitId: number, name: string): Promise<void>;
  removeAlias(workspaceId: number, alias: string): Promise<void>;
  /** Retired (false) or back in service (true). */
  setActive(workspaceId: number, unitId: number, active: boolean): Promise<void>;
  findMergeClashes(workspaceId: number, fromId: number, intoId: number): Promise<MergeClash>;
  /**
   * Moves every row of `from` (listings, reports, scores, messages, ledger rows, memberships, bindings,
   * aliases) onto `into`, makes `from`'s name an alias of `into` and deletes `from`. Pending reminders
   * of `from` must be cancelled first; `note` is written on ledger rows the merge retires.
   */
  mergeInto(workspaceId: number, fromId: number, intoId: number, note: string): Promise<MergeMoved>;
  /** Unit names and aliases containing `typed`, for autocomplete. */
  searchNames(workspaceId: number, typed: string, limit: number): Promise<string[]>;

  /** A new collective name with no members yet. */
  createCollective(workspaceId: number, name: string): Promise<number>;
  findCollectiveByName(workspaceId: number, name: string): Promise<{ id: number; name: string } | undefined>;
  listCollectives(workspaceId: number): Promise<CollectiveView[]>;
  /** Creates the collective name if new and makes these units its members, replacing any others. */
  setCollectiveMembers(workspaceId: number, name: string, unitIds: readonly number[]): Promise<{ id: number }>;

  bindLiaison(input: LiaisonInput & { createdBy: string }): Promise<Liaison>;
  unbindLiaison(input: LiaisonInput): Promise<boolean>;
  listLiaisons(workspaceId: number, unitId?: number): Promise<Liaison[]>;
  /** Units a Discord user speaks for: bound directly, or through one of their roles. */
  findUnitsForMember(workspaceId: number, userId: string, roleIds: readonly string[]): Promise<Unit[]>;
  /** The same, by the workspace's guild: read alongside the workspace itself, not after it. */
  findUnitsForMemberInGuild(guildId: string, userId: string, roleIds: readonly string[]): Promise<Unit[]>;
}
