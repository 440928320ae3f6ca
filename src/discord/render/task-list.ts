import { commandRef } from '../../command-names.js';
import { EmbedBuilder } from 'discord.js';
import type { TaskSummary } from '../../app/tasks/task-queries.js';
import { taskReference } from '../../app/notices/task-reference.js';
import { colors } from './colors.js';
import { statusLabels, taskStateLabels } from './labels.js';
import { fitLines, paginate, type Page, truncate } from './pager.js';

export const TASKS_PER_PAGE = 10;

function line(task: TaskSummary): string {
  const lead = task.units.filter((u) => u.role === 'lead').map((u) => u.name);
  const status = task.state === 'closed' ? taskStateLabels.closed : task.latestStatus ? statusLabels[task.latestStatus] : '未报送';
  const ref = taskReference({ section: task.sectionNo, label: task.label, no: 0 });
  return truncate(
    `**${task.seq}.** ${ref} ${truncate(task.title, 50)}\n  牵头:${lead.join('、') || '未明确'} · ${status}${task.dueDate ? ` · 时限 ${task.dueDate}` : ''}`,
    300,
  );
}

export function renderTaskList(tasks: readonly TaskSummary[], page: number, heading: string): { embed: EmbedBuilder; page: Page<TaskSummary> } {
  const current = paginate(tasks, page, TASKS_PER_PAGE);
  const embed = new EmbedBuilder()
    .setColor(colors.primary)
    .setTitle(truncate(`${heading}(共 ${tasks.length} 项)`, 256))
    .setDescription(tasks.length ? fitLines(current.items.map(line)) : '没有符合条件的任务。')
    .setFooter({ text: `用 ${commandRef('task')} 编号 查看任务详情` });
  return { embed, page: current };
}
