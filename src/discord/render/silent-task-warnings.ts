import { EmbedBuilder } from 'discord.js';
import { commandRef } from '../../command-names.js';
import type { SilentTaskWarnings } from '../../domain/cycle/index.js';
import { colors } from './colors.js';
import { fitLines, truncate } from './pager.js';

/** The command that edits a task's units. */
export const taskEditRef = () => commandRef('task edit');

function listed(items: readonly string[], max = 12): string {
  const shown = items.slice(0, max).join('、');
  return items.length > max ? `${shown} 等 ${items.length} 个` : shown;
}

/**
 * What would make a task silent, each with the command that fixes it. `where` words the fix for a
 * task list not yet imported (the preview, whose 编辑 menu sets a lead) or already stored.
 */
export function silentTaskWarningLines(warnings: SilentTaskWarnings, where: 'preview' | 'stored'): string[] {
  const lines: string[] = [];
  for (const { task, collective } of warnings.emptyCollectiveLeads.slice(0, 8)) {
    lines.push(
      `⚠️ ${task} 的牵头单位“${collective}”是统称,尚未指定成员单位,不会有任何单位收到提醒。请${where === 'preview' ? '导入后' : ''}用 ${commandRef('unit collective')} 指定其成员。`,
    );
  }
  if (warnings.emptyCollectiveLeads.length > 8) lines.push(`⚠️ 另有 ${warnings.emptyCollectiveLeads.length - 8} 项任务的牵头统称尚无成员单位。`);
  if (warnings.noLead.length) {
    const fix = where === 'preview' ? `请用下方“编辑任务”指定,或导入后用 ${taskEditRef()} 指定` : `请用 ${taskEditRef()} 指定`;
    lines.push(`⚠️ ${warnings.noLead.length} 项任务未指定牵头单位(${listed(warnings.noLead)}),不会收到提醒。${fix}。`);
  }
  if (warnings.unitsWithoutLiaison.length) {
    const units = warnings.unitsWithoutLiaison.map((u) => `${u.unit}(${u.tasks} 项)`);
    lines.push(
      `⚠️ ${warnings.unitsWithoutLiaison.length} 个单位尚未绑定联络员,提醒将无人接收:${listed(units)}。请${where === 'preview' ? '导入后' : ''}用 ${commandRef('unit bind')} 绑定。`,
    );
  }
  if (warnings.deadlinesBeforeIssue.length) {
    const early = warnings.deadlinesBeforeIssue.map((d) => `${d.task}(${d.deadline})`);
    lines.push(
      `⚠️ ${warnings.deadlinesBeforeIssue.length} 项任务的完成时限早于通知印发日期 ${warnings.deadlinesBeforeIssue[0]!.issuedOn}:${listed(early)}。提醒将从一开始就是逾期的,请用 ${taskEditRef()} 更正完成时限。`,
    );
  }
  return lines.map((line) => truncate(line, 900));
}

/** The warnings as one embed, or none when nothing would be silent. */
export function silentTaskWarningsEmbed(warnings: SilentTaskWarnings, where: 'preview' | 'stored'): EmbedBuilder | null {
  const lines = silentTaskWarningLines(warnings, where);
  if (lines.length === 0) return null;
  return new EmbedBuilder().setColor(colors.warning).setTitle('提醒发出前请处理').setDescription(fitLines(lines, 2000));
}

/** /reminders show with the warnings under the plan. */
export function withSilentTaskWarnings<M extends { embeds: EmbedBuilder[] }>(message: M, warnings: SilentTaskWarnings | null): M {
  const embed = warnings && silentTaskWarningsEmbed(warnings, 'stored');
  return embed ? { ...message, embeds: [...message.embeds, embed] } : message;
}
