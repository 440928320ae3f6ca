import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type EmbedBuilder } from 'discord.js';
import type { TaskDetail } from '../../app/tasks/task-detail.js';
import type { TaskReportRecord } from '../../ports.js';
import { labelProgressStatus } from '../../domain/progress/index.js';
import { customId } from '../slash-command.js';
import { truncate } from './pager.js';
import { plainText } from './plain-text.js';

function line(role: string, name: string, report: TaskReportRecord): string {
  const percent = report.percent !== null ? ` ${report.percent}%` : '';
  const flags = [report.late ? '迟报' : '', report.revision > 1 ? `第 ${report.revision} 版` : '', report.sentBack ? '已退回' : ''].filter(Boolean).join('·');
  return `${role} **${name}**:${labelProgressStatus(report.status)}${percent}${flags ? `(${flags})` : ''}\n> ${plainText(report.text, 160)}`;
}

/** How many silent units are named one by one before the rest are counted. */
const SILENT_NAMED = 8;

/**
 * Adds the latest period's reports to the task view: lead units first, then the supporting ones;
 * units that sent nothing are named in one line (a collective can stand for a hundred towns).
 */
export function addTaskReports(embed: EmbedBuilder, reports: TaskDetail['periodReports']): EmbedBuilder {
  if (!reports) return embed;
  const reported = reports.rows.filter((row) => row.report !== null);
  const silent = reports.rows.filter((row) => row.report === null);
  const lines = reported.map((row) => line(row.role === 'lead' ? '牵头' : '└ 配合', row.unitName, row.report as TaskReportRecord));
  if (silent.length > 0) {
    const named = silent.slice(0, SILENT_NAMED).map((row) => row.unitName);
    lines.push(`尚未报送:${named.join('、')}${silent.length > SILENT_NAMED ? ` 等 ${silent.length} 个单位` : ''}`);
  }
  return embed.addFields({ name: `各单位进展(${reports.periodLabel})`, value: truncate(lines.join('\n') || '—', 1024) });
}

/** 办结 / 退回 / 延期 for coordinators on a task's view. */
export function taskActionRow(seq: number, open: boolean): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(customId('task', 'close', seq)).setLabel('办结').setStyle(ButtonStyle.Success).setDisabled(!open),
    new ButtonBuilder().setCustomId(customId('task', 'send-back', seq)).setLabel('退回').setStyle(ButtonStyle.Danger),
    new ButtonBuilder().setCustomId(customId('task', 'extend', seq)).setLabel('延期').setStyle(ButtonStyle.Secondary).setDisabled(!open),
  );
}
