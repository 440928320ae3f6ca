import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';

/** Unit names and aliases containing what was typed, shortest first (for autocomplete). */
export async function searchUnitNames(db: DbOrTx, workspaceId: number, typed: string, limit: number): Promise<string[]> {
  const pattern = `%${typed.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .selectFrom('units')
    .select('name')
    .where('workspace_id', '=', workspaceId)
    .where('name', 'like', pattern)
    .union(db.selectFrom('unit_aliases').select('alias as name').where('workspace_id', '=', workspaceId).where('alias', 'like', pattern))
    .orderBy(sql`length(name)`)
    .orderBy('name')
    .limit(limit)
    .execute();
  return rows.map((r) => r.name);
}
