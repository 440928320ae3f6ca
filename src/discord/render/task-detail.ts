import { EmbedBuilder } from 'discord.js';
import { commandRef } from '../../command-names.js';
import type { TaskDetail } from '../../app/tasks/task-detail.js';
import { taskReference } from '../../app/notices/task-reference.js';
import { colors } from './colors.js';
import { formatDueDate, statusLabels, taskStateLabels } from './labels.js';
import { truncate } from './pager.js';

export function renderTaskDetail(task: TaskDetail): EmbedBuilder {
  const lead = task.units.filter((u) => u.role === 'lead').map((u) => u.name);
  const support = task.units.filter((u) => u.role === 'support').map((u) => u.name);
  const ref = taskReference({ section: task.sectionNo, label: task.label, no: 0 });
  const embed = new EmbedBuilder()
    .setColor(task.state === 'closed' ? colors.success : colors.primary)
    .setTitle(truncate(`第 ${task.seq} 项 ${ref} ${task.title}`, 256))
    .setDescription(truncate(task.body, 4000))
    .addFields(
      {
        name: '牵头单位',
        value: truncate(lead.join('、') || `⚠️ 未指定牵头单位:在指定之前不提醒任何单位,请督办人用 ${commandRef('task edit')} 指定`, 1024),
        inline: true,
      },
      { name: '配合单位', value: truncate(support.join('、') || '无', 1024), inline: true },
      { name: '状态', value: taskStateLabels[task.state], inline: true },
      {
        name: '完成时限',
        value: truncate(formatDueDate(task.extendedDueDate ?? task.dueDate, task.deadlinePhrase) + (task.extendedDueDate ? '(已延期)' : ''), 1024),
        inline: true,
      },
    );
  if (task.sectionTitle) embed.addFields({ name: '所属部分', value: truncate(task.sectionTitle, 1024), inline: true });
  if (task.targets.length) embed.addFields({ name: '量化指标', value: truncate(task.targets.join('、'), 1024), inline: true });
  if (task.leaderPerson) embed.addFields({ name: '牵头领导', value: truncate(task.leaderPerson, 1024), inline: true });
  const reports = task.latestReports.slice(0, 10).map((r) => {
    const percent = r.percent !== null ? ` ${r.percent}%` : '';
    return `**${r.unitName}**(${r.periodLabel}):${statusLabels[r.status]}${percent}${r.late ? '(迟报)' : ''}\n${truncate(r.text, 150)}`;
  });
  embed.addFields({ name: '最新进展', value: truncate(reports.join('\n') || '尚无单位报送进展。', 1024) });
  embed.setFooter({ text: `${task.year} 年工作要点` });
  return embed;
}
