import { sql, type Selectable } from 'kysely';
import type { CollectiveView, UnitStore } from '../../ports.js';
import type { DbOrTx } from '../database.js';
import type { RepositoryOf } from './bind.js';
import { findMergeClashes, mergeUnitRows, removeUnitAlias, renameUnit, setUnitActive } from './unit-merge.repository.js';
import type { LiaisonPurpose, LiaisonsTable, LiaisonTargetKind, UnitCategory, UnitsTable } from '../tables/index.js';

export type Unit = Selectable<UnitsTable>;
export type Liaison = Selectable<LiaisonsTable>;

export async function createUnit(db: DbOrTx, workspaceId: number, name: string, category: UnitCategory): Promise<Unit> {
  return db.insertInto('units').values({ workspace_id: workspaceId, name, category }).returningAll().executeTakeFirstOrThrow();
}

export async function findUnitById(db: DbOrTx, workspaceId: number, unitId: number): Promise<Unit | undefined> {
  return db.selectFrom('units').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', unitId).executeTakeFirst();
}

export async function listUnits(db: DbOrTx, workspaceId: number): Promise<Unit[]> {
  return db.selectFrom('units').selectAll().where('workspace_id', '=', workspaceId).orderBy('category').orderBy('name').execute();
}

/** Finds a unit by its name or one of its aliases (区法制局 → 区司法局 after a reorganisation). */
export async function findUnitByNameOrAlias(db: DbOrTx, workspaceId: number, name: string): Promise<Unit | undefined> {
  const byName = await db.selectFrom('units').selectAll().where('workspace_id', '=', workspaceId).where('name', '=', name).executeTakeFirst();
  if (byName) return byName;
  return db
    .selectFrom('unit_aliases')
    .innerJoin('units', (join) => join.onRef('units.id', '=', 'unit_aliases.unit_id').onRef('units.workspace_id', '=', 'unit_aliases.workspace_id'))
    .selectAll('units')
    .where('unit_aliases.workspace_id', '=', workspaceId)
    .where('unit_aliases.alias', '=', name)
    .executeTakeFirst();
}

export async function addUnitAlias(db: DbOrTx, workspaceId: number, unitId: number, alias: string): Promise<void> {
  await db.insertInto('unit_aliases').values({ workspace_id: workspaceId, unit_id: unitId, alias }).execute();
}

export async function listUnitAliases(db: DbOrTx, workspaceId: number): Promise<{ unitId: number; alias: string }[]> {
  const rows = await db.selectFrom('unit_aliases').select(['unit_id', 'alias']).where('workspace_id', '=', workspaceId).orderBy('alias').execute();
  return rows.map((r) => ({ unitId: r.unit_id, alias: r.alias }));
}

export async function bindLiaison(
  db: DbOrTx,
  input: { workspaceId: number; unitId: number; targetKind: LiaisonTargetKind; targetId: string; purpose: LiaisonPurpose; createdBy: string },
): Promise<Liaison> {
  return db
    .insertInto('liaisons')
    .values({
      workspace_id: input.workspaceId,
      unit_id: input.unitId,
      target_kind: input.targetKind,
      target_id: input.targetId,
      purpose: input.purpose,
      created_by: input.createdBy,
    })
    .onConflict((oc) => oc.columns(['unit_id', 'purpose', 'target_kind', 'target_id']).doUpdateSet({ created_by: input.createdBy }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function unbindLiaison(
  db: DbOrTx,
  input: { workspaceId: number; unitId: number; targetKind: LiaisonTargetKind; targetId: string; purpose: LiaisonPurpose },
): Promise<boolean> {
  const result = await db
    .deleteFrom('liaisons')
    .where('workspace_id', '=', input.workspaceId)
    .where('unit_id', '=', input.unitId)
    .where('target_kind', '=', input.targetKind)
    .where('target_id', '=', input.targetId)
    .where('purpose', '=', input.purpose)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function listLiaisons(db: DbOrTx, workspaceId: number, unitId?: number): Promise<Liaison[]> {
  let query = db.selectFrom('liaisons').selectAll().where('workspace_id', '=', workspaceId);
  if (unitId !== undefined) query = query.where('unit_id', '=', unitId);
  return query.orderBy('unit_id').orderBy('id').execute();
}

/** Units a Discord user speaks for: bound directly, or through one of their roles. */
export async function findUnitsForMember(db: DbOrTx, workspaceId: number, userId: string, roleIds: readonly string[]): Promise<Unit[]> {
  return unitsForMember(db, { workspaceId }, userId, roleIds);
}

export async function findUnitsForMemberInGuild(db: DbOrTx, guildId: string, userId: string, roleIds: readonly string[]): Promise<Unit[]> {
  return unitsForMember(db, { guildId }, userId, roleIds);
}

function unitsForMember(db: DbOrTx, of: { workspaceId: number } | { guildId: string }, userId: string, roleIds: readonly string[]): Promise<Unit[]> {
  const units = db.selectFrom('units').selectAll('units');
  const inWorkspace =
    'workspaceId' in of
      ? units.where('units.workspace_id', '=', of.workspaceId)
      : units.where('units.workspace_id', '=', (eb) => eb.selectFrom('workspaces').select('workspaces.id').where('workspaces.guild_id', '=', of.guildId));
  return inWorkspace
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('liaisons')
          .select('liaisons.id')
          .whereRef('liaisons.unit_id', '=', 'units.id')
          .where('liaisons.purpose', '=', 'liaison')
          .where((w) =>
            w.or([
              w.and([w('liaisons.target_kind', '=', 'user'), w('liaisons.target_id', '=', userId)]),
              ...(roleIds.length > 0 ? [w.and([w('liaisons.target_kind', '=', 'role'), w('liaisons.target_id', 'in', [...roleIds])])] : []),
            ]),
          ),
      ),
    )
    .orderBy('units.name')
    .execute();
}

/** Unit names and aliases containing what was typed, shortest first (for autocomplete). */
export async function searchUnitNames(db: DbOrTx, workspaceId: number, typed: string, limit: number): Promise<string[]> {
  const pattern = `%${typed.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const [names, aliases] = await Promise.all([
    db.selectFrom('units').select('name').where('workspace_id', '=', workspaceId).where('name', 'like', pattern).limit(limit).execute(),
    db.selectFrom('unit_aliases').select('alias as name').where('workspace_id', '=', workspaceId).where('alias', 'like', pattern).limit(limit).execute(),
  ]);
  return [...new Set([...names, ...aliases].map((r) => r.name))].sort((a, b) => a.length - b.length || a.localeCompare(b, 'zh-CN')).slice(0, limit);
}

export async function createCollective(db: DbOrTx, workspaceId: number, name: string): Promise<number> {
  const row = await db.insertInto('collective_names').values({ workspace_id: workspaceId, name }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findCollectiveByName(db: DbOrTx, workspaceId: number, name: string): Promise<{ id: number; name: string } | undefined> {
  return db.selectFrom('collective_names').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('name', '=', name).executeTakeFirst();
}

/** Every collective name with its members' names, by name. */
export async function listCollectives(db: DbOrTx, workspaceId: number): Promise<CollectiveView[]> {
  const rows = await db
    .selectFrom('collective_names')
    .leftJoin('collective_members', 'collective_members.collective_id', 'collective_names.id')
    .leftJoin('units', 'units.id', 'collective_members.unit_id')
    .select(['collective_names.id', 'collective_names.name', 'units.name as member'])
    .where('collective_names.workspace_id', '=', workspaceId)
    .orderBy('collective_names.name')
    .orderBy('units.name')
    .execute();
  const collectives = new Map<number, CollectiveView>();
  for (const row of rows) {
    const entry = collectives.get(row.id) ?? { id: row.id, name: row.name, members: [] };
    if (row.member) entry.members.push(row.member);
    collectives.set(row.id, entry);
  }
  return [...collectives.values()];
}

export async function setCollectiveMembers(db: DbOrTx, workspaceId: number, name: string, unitIds: readonly number[]): Promise<{ id: number }> {
  const collective = await db
    .insertInto('collective_names')
    .values({ workspace_id: workspaceId, name })
    .onConflict((oc) => oc.columns(['workspace_id', 'name']).doUpdateSet({ name: sql`excluded.name` }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('collective_members').where('collective_id', '=', collective.id).execute();
  if (unitIds.length > 0) {
    await db
      .insertInto('collective_members')
      .values(unitIds.map((unitId) => ({ workspace_id: workspaceId, collective_id: collective.id, unit_id: unitId })))
      .execute();
  }
  return collective;
}

export const unitRepository: RepositoryOf<UnitStore> = {
  create: createUnit,
  list: listUnits,
  findById: findUnitById,
  findByNameOrAlias: findUnitByNameOrAlias,
  addAlias: addUnitAlias,
  listAliases: listUnitAliases,
  searchNames: searchUnitNames,
  rename: renameUnit,
  removeAlias: removeUnitAlias,
  setActive: setUnitActive,
  findMergeClashes,
  mergeInto: mergeUnitRows,
  createCollective,
  findCollectiveByName,
  listCollectives,
  setCollectiveMembers,
  bindLiaison,
  unbindLiaison,
  listLiaisons,
  findUnitsForMember,
  findUnitsForMemberInGuild,
};
