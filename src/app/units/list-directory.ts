import type { DbOrTx } from '../../db/database.js';
import { listLiaisons, listUnitAliases, listUnits, type Liaison, type Unit } from '../../db/repositories/unit.repository.js';

export interface DirectoryView {
  units: (Unit & { aliases: string[]; liaisons: Liaison[] })[];
  collectives: { id: number; name: string; members: string[] }[];
}

export async function listDirectory(db: DbOrTx, workspaceId: number): Promise<DirectoryView> {
  const [units, aliases, liaisons, collectiveRows] = await Promise.all([
    listUnits(db, workspaceId),
    listUnitAliases(db, workspaceId),
    listLiaisons(db, workspaceId),
    db
      .selectFrom('collective_names')
      .leftJoin('collective_members', 'collective_members.collective_id', 'collective_names.id')
      .leftJoin('units', 'units.id', 'collective_members.unit_id')
      .select(['collective_names.id', 'collective_names.name', 'units.name as member'])
      .where('collective_names.workspace_id', '=', workspaceId)
      .orderBy('collective_names.name')
      .orderBy('units.name')
      .execute(),
  ]);
  const collectives = new Map<number, { id: number; name: string; members: string[] }>();
  for (const row of collectiveRows) {
    const entry = collectives.get(row.id) ?? { id: row.id, name: row.name, members: [] };
    if (row.member) entry.members.push(row.member);
    collectives.set(row.id, entry);
  }
  const byPinyin = (a: string, b: string) => a.localeCompare(b, 'zh-CN');
  for (const c of collectives.values()) c.members.sort(byPinyin);
  return {
    units: [...units].sort((a, b) => a.category.localeCompare(b.category) || byPinyin(a.name, b.name)).map((u) => ({ ...u, aliases: aliases.filter((a) => a.unitId === u.id).map((a) => a.alias), liaisons: liaisons.filter((l) => l.unit_id === u.id) })),
    collectives: [...collectives.values()].sort((a, b) => byPinyin(a.name, b.name)),
  };
}
