import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type EmbedBuilder } from 'discord.js';
import type { TaskDetail } from '../../app/tasks/task-detail.js';
import type { TaskReportRecord } from '../../ports.js';
import { labelProgressStatus } from '../../domain/progress/index.js';
import { reportRatingLabels } from '../../domain/ranking/index.js';
import { taskIds } from '../custom-ids.js';
import { truncate } from './pager.js';
import { plainText } from './plain-text.js';

function line(role: string, name: string, report: TaskReportRecord): string {
  const percent = report.percent !== null ? ` ${report.percent}%` : '';
  const flags = [
    report.late ? '迟报' : '',
    report.revision > 1 ? `第 ${report.revision} 版` : '',
    report.sentBack ? '已退回' : '',
    report.rating ? `评价:${reportRatingLabels[report.rating]}` : '',
    report.perfunctory ? '敷衍应付' : '',
  ]
    .filter(Boolean)
    .join('·');
  return `${role} **${name}**:${labelProgressStatus(report.status)}${percent}${flags ? `(${flags})` : ''}\n> ${plainText(report.text, 160)}`;
}

/** How many silent units are named one by one before the rest are counted. */
const SILENT_NAMED = 8;

/**
 * Adds the latest period's reports to the task view: lead units first (a few silent leads each on a
 * line of their own), then the supporting ones; many units that sent nothing are named in one line (a
 * collective can stand for a hundred towns).
 */
export function addTaskReports(embed: EmbedBuilder, reports: TaskDetail['periodReports']): EmbedBuilder {
  if (!reports) return embed;
  const lines: string[] = [];
  for (const [role, label] of [
    ['lead', '牵头'],
    ['support', '└ 配合'],
  ] as const) {
    const rows = reports.rows.filter((row) => row.role === role);
    for (const row of rows) if (row.report) lines.push(line(label, row.unitName, row.report));
    const silent = rows.filter((row) => row.report === null).map((row) => row.unitName);
    if (role === 'lead' && silent.length <= 3) lines.push(...silent.map((name) => `牵头 **${name}**:尚未报送`));
    else if (silent.length > 0)
      lines.push(`${label}单位尚未报送:${silent.slice(0, SILENT_NAMED).join('、')}${silent.length > SILENT_NAMED ? ` 等 ${silent.length} 个单位` : ''}`);
  }
  return embed.addFields({ name: `各单位进展(${reports.periodLabel})`, value: truncate(lines.join('\n') || '—', 1024) });
}

/** 办结 / 退回 / 延期 / 评价 for coordinators on a task's view. */
export function taskActionRow(seq: number, open: boolean): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(taskIds.encode('close', seq)).setLabel('办结').setStyle(ButtonStyle.Success).setDisabled(!open),
    new ButtonBuilder().setCustomId(taskIds.encode('send-back', seq)).setLabel('退回').setStyle(ButtonStyle.Danger),
    new ButtonBuilder().setCustomId(taskIds.encode('extend', seq)).setLabel('延期').setStyle(ButtonStyle.Secondary).setDisabled(!open),
    new ButtonBuilder().setCustomId(taskIds.encode('grade', seq)).setLabel('评价').setStyle(ButtonStyle.Primary),
  );
}
