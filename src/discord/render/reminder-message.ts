import { commandRef } from '../../command-names.js';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { ReminderContent } from '../../app/reminders/reminder-content.js';
import type { OwedTask } from '../../app/cycle/due-reports.js';
import type { FallbackNote } from '../../ports.js';
import { progressIds } from '../custom-ids.js';
import { colors } from './colors.js';
import { fitLines, truncate } from './pager.js';

export function describeDaysLeft(daysLeft: number): string {
  if (daysLeft > 0) return `距截止还有 ${daysLeft} 天`;
  if (daysLeft === 0) return '今天截止';
  return `已逾期 ${-daysLeft} 天`;
}

function titleOf(content: ReminderContent): string {
  const period = content.period.label;
  switch (content.stage) {
    case 'nudge':
      return `【催办】请尽快报送${period}工作进展`;
    case 'after3':
    case 'after1':
      return content.audience === 'escalation' ? `【逾期升级】${content.unit.name}${period}进展逾期未报` : `【逾期提醒】${period}工作进展已逾期未报`;
    case 'due':
      return `【今日截止】请报送${period}工作进展`;
    default:
      return `【报送提醒】${period}工作进展将于 ${content.dueDate} 截止`;
  }
}

/** How a task is listed: its number as the notice writes it, its title, and whether the unit leads it. */
export function taskLine(task: OwedTask): string {
  const role = task.role === 'lead' ? '牵头' : '配合';
  const back = task.sentBackReason !== null ? `\n  ↩️ 已退回:${truncate(task.sentBackReason, 100)}` : '';
  return `**${task.label}** ${truncate(task.title, 80)}(第 ${task.seq} 项·${role})${back}`;
}

function mentionLine(users: readonly string[], roles: readonly string[]): string {
  return [...users.map((id) => `<@${id}>`), ...roles.map((id) => `<@&${id}>`)].join(' ');
}

/**
 * The reminder a unit receives: every task it still owes in one message, a 填报进展 button, and the
 * delivery marker in the footer (found again by a retry after a crash; see deliver-once.ts).
 */
export function renderReminderMessage(
  content: ReminderContent,
  options: { marker: string; mentionUsers: readonly string[]; mentionRoles: readonly string[]; fallback: FallbackNote | null },
): RESTPostAPIChannelMessageJSONBody {
  const escalation = content.audience === 'escalation';
  const lines = [
    `**报送单位**:${content.unit.name}`,
    `**截止日期**:${content.dueDate}(${describeDaysLeft(content.daysLeft)})`,
    '',
    `**${escalation ? '该单位尚未报送的任务' : '请报送以下任务的进展'}**(共 ${content.tasks.length} 项):`,
    ...content.tasks.map(taskLine),
    '',
    escalation
      ? `请督办人跟进;可在 ${commandRef('status')} 中对该单位一键催办。`
      : '点击下方“填报进展”按钮逐项填写;也可以直接回复本消息,按编号写明各项进展,例如:“(一)已完成……(二)推进中,完成60%……”,确认后保存。可附上佐证材料。',
  ];
  if (options.fallback) lines.unshift(`⚠️ 私信无法送达 <@${options.fallback.refusedUserId}>(对方关闭了服务器成员私信),已改发到此频道。`, '');
  const embed = new EmbedBuilder()
    .setColor(escalation || content.daysLeft < 0 ? colors.danger : content.daysLeft === 0 ? colors.warning : colors.primary)
    .setTitle(truncate(titleOf(content), 256))
    .setDescription(fitLines(lines, 4000))
    .setFooter({ text: `督办提醒 ${options.marker}` });
  const components = escalation
    ? []
    : [
        new ActionRowBuilder<ButtonBuilder>()
          .addComponents(new ButtonBuilder().setCustomId(progressIds.encode('start', content.deliveryId)).setLabel('填报进展').setStyle(ButtonStyle.Primary))
          .toJSON(),
      ];
  const mentions = mentionLine(options.mentionUsers, options.mentionRoles);
  return {
    ...(mentions ? { content: mentions } : {}),
    embeds: [embed.toJSON()],
    components,
    // Only the unit's own liaisons, its leader and the coordinators may be pinged; never @everyone.
    allowed_mentions: { parse: [], users: [...options.mentionUsers], roles: [...options.mentionRoles] },
  };
}
