import type { ProgressStatus } from '../../db/tables/index.js';

export const statusLabels: Record<ProgressStatus, string> = {
  not_started: '未启动',
  in_progress: '推进中',
  done: '已完成',
  blocked: '受阻',
};

export { taskStateLabels } from '../../app/tasks/task-queries.js';

export function formatDueDate(dueDate: string | null, phrase: string | null): string {
  if (dueDate && phrase) return `${phrase}(${dueDate})`;
  return dueDate ?? phrase ?? '未注明';
}
