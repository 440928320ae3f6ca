import type { ParsedTask } from '../../domain/notice/index.js';
import type { CurrentNoticeRecord, Repositories } from '../../ports.js';

export interface CurrentNotice extends CurrentNoticeRecord {
  /** The live tasks as the notice parsed them, each with its id (the diff's "before" side). */
  liveTasks: (ParsedTask & { id: number })[];
}

/** The notice currently in force for a year, with its live tasks lined up against its parsed tasks. */
export async function loadCurrentNotice(store: Repositories, workspaceId: number, year: number): Promise<CurrentNotice | null> {
  const notice = await store.notices.findCurrent(workspaceId, year);
  if (!notice) return null;
  const liveTasks = notice.liveTaskIds.flatMap((t) => {
    const parsedTask = notice.parsed.tasks[t.seq - 1];
    return parsedTask ? [{ ...parsedTask, id: t.id }] : [];
  });
  return { ...notice, liveTasks };
}
