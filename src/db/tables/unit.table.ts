import type { Generated } from 'kysely';
import type { CreatedAt, Id } from './common.js';

import type { UnitCategory } from '../../domain/units/index.js';

export type { UnitCategory };
export type LiaisonTargetKind = 'user' | 'role' | 'channel';
export type LiaisonPurpose = 'liaison' | 'leader';

export interface UnitsTable {
  id: Id;
  workspace_id: number;
  name: string;
  category: Generated<UnitCategory>;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

export interface UnitAliasesTable {
  id: Id;
  workspace_id: number;
  unit_id: number;
  alias: string;
  created_at: CreatedAt;
}

export interface CollectiveNamesTable {
  id: Id;
  workspace_id: number;
  name: string;
  created_at: CreatedAt;
}

export interface CollectiveMembersTable {
  workspace_id: number;
  collective_id: number;
  unit_id: number;
}

export interface LiaisonsTable {
  id: Id;
  workspace_id: number;
  unit_id: number;
  target_kind: LiaisonTargetKind;
  target_id: string;
  purpose: Generated<LiaisonPurpose>;
  created_by: string;
  created_at: CreatedAt;
}
