import type { DbOrTx } from '../../db/database.js';
import type { ParsedNotice, ParsedTask } from '../../domain/notice/index.js';

export interface CurrentNotice {
  id: number;
  version: number;
  parsed: ParsedNotice;
  /** Live task ids by their place in the current notice (seq - 1). */
  taskIds: number[];
  liveTasks: (ParsedTask & { id: number })[];
}

/** The notice currently in force for a year, with its live tasks lined up against its parsed tasks. */
export async function loadCurrentNotice(db: DbOrTx, workspaceId: number, year: number): Promise<CurrentNotice | null> {
  const notice = await db
    .selectFrom('notices')
    .select(['id', 'version', 'parsed'])
    .where('workspace_id', '=', workspaceId)
    .where('year', '=', year)
    .where('is_current', '=', true)
    .executeTakeFirst();
  if (!notice) return null;
  const parsed = notice.parsed as ParsedNotice;
  const tasks = await db
    .selectFrom('tasks')
    .select(['id', 'seq'])
    .where('workspace_id', '=', workspaceId)
    .where('year', '=', year)
    .where('retired_at', 'is', null)
    .orderBy('seq')
    .execute();
  const liveTasks = tasks.flatMap((t) => {
    const parsedTask = parsed.tasks[t.seq - 1];
    return parsedTask ? [{ ...parsedTask, id: t.id }] : [];
  });
  return { id: notice.id, version: notice.version, parsed, taskIds: tasks.map((t) => t.id), liveTasks };
}
