import type { DbOrTx } from '../../db/database.js';

/** Unit names and aliases containing what was typed, shortest first (for autocomplete). */
export async function searchUnitNames(db: DbOrTx, workspaceId: number, typed: string, limit: number): Promise<string[]> {
  const pattern = `%${typed.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const [names, aliases] = await Promise.all([
    db.selectFrom('units').select('name').where('workspace_id', '=', workspaceId).where('name', 'like', pattern).limit(limit).execute(),
    db.selectFrom('unit_aliases').select('alias as name').where('workspace_id', '=', workspaceId).where('alias', 'like', pattern).limit(limit).execute(),
  ]);
  return [...new Set([...names, ...aliases].map((r) => r.name))]
    .sort((a, b) => a.length - b.length || a.localeCompare(b, 'zh-CN'))
    .slice(0, limit);
}
