import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';

/** Tasks matching what was typed (a number or words of the title), for autocomplete. */
export async function searchTasks(db: DbOrTx, workspaceId: number, year: number, typed: string, limit: number): Promise<{ seq: number; title: string }[]> {
  const text = typed.trim();
  let query = db
    .selectFrom('tasks')
    .select(['seq', 'title'])
    .where('workspace_id', '=', workspaceId)
    .where('year', '=', year)
    .where('retired_at', 'is', null);
  if (/^\d+$/.test(text)) {
    query = query.where(sql<boolean>`seq::text like ${`${text}%`}`);
  } else if (text) {
    query = query.where('title', 'like', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  return query.orderBy('seq').limit(limit).execute();
}
