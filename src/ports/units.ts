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

export interface UnitStore {
  create(workspaceId: number, name: string, category: UnitCategory): Promise<Unit>;
  list(workspaceId: number): Promise<Unit[]>;
  findById(workspaceId: number, unitId: number): Promise<Unit | undefined>;
  /** By its name or one of its aliases (区法制局 → 区司法局 after a reorganisation). */
  findByNameOrAlias(workspaceId: number, name: string): Promise<Unit | undefined>;
  addAlias(workspaceId: number, unitId: number, alias: string): Promise<void>;
  listAliases(workspaceId: number): Promise<{ unitId: number; alias: string }[]>;
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
}
