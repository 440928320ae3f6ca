import { commandRef } from '../../command-names.js';
import { EmbedBuilder } from 'discord.js';
import { taskStatusChoices, type TaskStatusFilter, type TaskSummary } from '../../app/tasks/task-queries.js';
import { taskReference } from '../../app/notices/task-reference.js';
import { colors } from './colors.js';
import { statusLabels, taskStateLabels } from './labels.js';
import { fitLines, paginate, type Page, truncate } from './pager.js';

export const TASKS_PER_PAGE = 10;

function line(task: TaskSummary): string {
  const lead = task.units.filter((u) => u.role === 'lead').map((u) => u.name);
  const status = task.state === 'closed' ? taskStateLabels.closed : task.latestStatus ? statusLabels[task.latestStatus] : '未报送';
  const ref = taskReference({ section: task.sectionNo, label: task.label, no: 0 });
  const leads = task.leaderless ? '**未指定牵头单位**' : lead.join('、');
  return truncate(
    `**${task.seq}.** ${ref} ${truncate(task.title, 50)}\n  牵头:${leads || '未明确'} · ${status}${task.dueDate ? ` · 时限 ${task.dueDate}` : ''}`,
    300,
  );
}

export function renderTaskList(tasks: readonly TaskSummary[], page: number, heading: string): { embed: EmbedBuilder; page: Page<TaskSummary> } {
  const current = paginate(tasks, page, TASKS_PER_PAGE);
  const embed = new EmbedBuilder()
    .setColor(colors.primary)
    .setTitle(truncate(`${heading}(共 ${tasks.length} 项)`, 256))
    .setDescription(tasks.length ? fitLines(current.items.map(line)) : '没有符合条件的任务。')
    .setFooter({
      text: `用 ${commandRef('task show')} 编号 查看任务详情${tasks.some((t) => t.leaderless) ? `;未指定牵头单位的任务不会提醒任何单位,请用 ${commandRef('task edit')} 指定` : ''}`,
    });
  return { embed, page: current };
}

/** What /tasks can filter by status, with the words people read. */
export { taskStatusChoices };

/** The heading of a /tasks page: the year and whatever narrows the list. */
export function taskListHeading(input: {
  year: number;
  ownUnits: readonly string[] | null;
  sectionNo: number | null;
  status: TaskStatusFilter | null;
}): string {
  const scope = [
    input.ownUnits ? `本单位(${input.ownUnits.join('、')})` : '',
    input.sectionNo ? `第 ${input.sectionNo} 部分` : '',
    input.status ? (taskStatusChoices.find((c) => c.value === input.status)?.label ?? '') : '',
  ].filter(Boolean);
  return `${input.year} 年任务${scope.length ? ` · ${scope.join(' · ')}` : ''}`;
}
