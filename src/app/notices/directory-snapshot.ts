import type { DbOrTx } from '../../db/database.js';
import { listUnitAliases } from '../../db/repositories/unit.repository.js';
import type { UnitDirectorySnapshot } from '../../domain/units/index.js';

export async function loadDirectorySnapshot(db: DbOrTx, workspaceId: number): Promise<UnitDirectorySnapshot> {
  const [units, aliases, collectives] = await Promise.all([
    db.selectFrom('units').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute(),
    listUnitAliases(db, workspaceId),
    db.selectFrom('collective_names').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute(),
  ]);
  return { units, aliases, collectives };
}
