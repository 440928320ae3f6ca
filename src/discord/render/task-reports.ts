import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type EmbedBuilder } from 'discord.js';
import type { TaskReports, UnitReport } from '../../app/tasks/task-reports.js';
import { labelProgressStatus } from '../../domain/progress/index.js';
import { customId } from '../slash-command.js';
import { truncate } from './pager.js';
import { plainText } from './plain-text.js';

function line(role: string, name: string, report: UnitReport | null): string {
  if (!report) return `${role} **${name}**:尚未报送`;
  const percent = report.percent !== null ? ` ${report.percent}%` : '';
  const flags = [report.late ? '迟报' : '', report.revision > 1 ? `第 ${report.revision} 版` : '', report.sentBack !== null ? '已退回' : ''].filter(Boolean).join('·');
  return `${role} **${name}**:${labelProgressStatus(report.status)}${percent}${flags ? `(${flags})` : ''}\n> ${plainText(report.text, 160)}`;
}

/** Adds the period's reports to the task view: the lead's first, the supporting units' under it. */
export function addTaskReports(embed: EmbedBuilder, reports: TaskReports | null): EmbedBuilder {
  if (!reports) return embed;
  const name = (id: string) => reports.names.get(id) ?? id;
  const lines = [
    ...(reports.view.lead ? [line('牵头', name(reports.view.lead.unitId), reports.view.lead.report)] : []),
    ...reports.view.supporting.map((s) => line('└ 配合', name(s.unitId), s.report)),
  ];
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
