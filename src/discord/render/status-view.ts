import { QUEUE_DEFERRED_NOTE } from '../../app/queue-follow-up.js';
import { commandRef } from '../../command-names.js';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { StatusReport } from '../../app/progress/status-report.js';
import { statusIds } from '../custom-ids.js';
import { colors } from './colors.js';
import { fitLines, truncate } from './pager.js';
import { plainText } from './plain-text.js';

const MAX_NUDGE_BUTTONS = 20;

/** Tasks no unit leads: nobody is asked for them until a coordinator names a lead. */
export function leaderlessField(tasks: readonly { seq: number; label: string; title: string }[]) {
  const lines = tasks.map((t) => `第 ${t.seq} 项 ${t.label}${truncate(t.title, 30)}`);
  return {
    name: `未指定牵头单位(${tasks.length})`,
    value: truncate(`这些任务不会提醒任何单位,也不计入排名。请用 ${commandRef('task edit')} 指定牵头单位。\n${lines.join('\n')}`, 1024),
  };
}

/** /status: 未报送名单, overdue and blocked tasks; coordinators also get 催办 buttons and 关闭报送周期. */
export function renderStatusView(report: StatusReport, options: { coordinator: boolean; notice?: string }) {
  const { period } = report;
  const closed = period.closed;
  const missingLines = report.missing.map(
    (u) =>
      `${u.overdue ? '🔴' : '🟡'} **${u.name}**:尚欠 ${u.owed.length}/${u.assigned} 项(${u.owed.map((t) => t.label).join('')})${u.overdue ? ' · 已逾期' : ''}${u.nudgedToday ? ' · 今日已催办' : ''}`,
  );
  const embed = new EmbedBuilder()
    .setColor(closed ? colors.neutral : report.missing.some((u) => u.overdue) ? colors.danger : report.missing.length ? colors.warning : colors.success)
    .setTitle(truncate(`${period.label}报送情况(截止 ${period.dueDate}${closed ? ',已关闭' : ''})`, 256))
    .setDescription(
      fitLines(
        [
          `已报送全部任务:${report.reportedUnits}/${report.totalUnits} 个单位`,
          '',
          `**未报送名单**(${report.missing.length} 个单位)`,
          ...(missingLines.length ? missingLines : ['无:各单位均已报送。']),
        ],
        3500,
      ),
    )
    .addFields(
      {
        name: `逾期任务(${report.overdueTasks.length})`,
        value: truncate(report.overdueTasks.map((t) => `第 ${t.seq} 项 ${t.label}${truncate(t.title, 30)}:${t.units.join('、')}`).join('\n') || '无', 1024),
      },
      {
        name: `受阻任务(${report.blockedTasks.length})`,
        value: truncate(report.blockedTasks.map((t) => `第 ${t.seq} 项 ${t.label}(${t.unitName}):${plainText(t.text, 60)}`).join('\n') || '无', 1024),
      },
      ...(report.leaderlessTasks.length ? [leaderlessField(report.leaderlessTasks)] : []),
    )
    .setFooter({
      text: report.failedDeliveries
        ? `有 ${report.failedDeliveries} 条提醒或通知发送失败,请用 ${commandRef('reminders failed')} 查看并重试。`
        : `统计日期 ${report.today}`,
    });
  const components: ActionRowBuilder<ButtonBuilder>[] = [];
  if (options.coordinator && !closed) {
    const buttons = report.missing.slice(0, MAX_NUDGE_BUTTONS).map((u) =>
      new ButtonBuilder()
        .setCustomId(statusIds.encode('nudge', u.unitId, period.id))
        .setLabel(truncate(`催办 ${u.name}`, 80))
        .setStyle(ButtonStyle.Primary)
        .setDisabled(u.nudgedToday),
    );
    for (let i = 0; i < buttons.length; i += 5) components.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(i, i + 5)));
    components.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId(statusIds.encode('close-period', period.id)).setLabel('关闭报送周期').setStyle(ButtonStyle.Danger),
      ),
    );
  }
  const more = report.missing.length > MAX_NUDGE_BUTTONS && options.coordinator ? `(只列出前 ${MAX_NUDGE_BUTTONS} 个单位的催办按钮)` : '';
  return { content: [options.notice ?? '', more].filter(Boolean).join('\n'), embeds: [embed], components };
}

/** What 催办 did, shown above the refreshed status. */
export function describeNudge(nudged: { unitName: string; tasks: number; deferred: boolean }): string {
  return nudged.deferred
    ? `✅ 已记录对“${nudged.unitName}”的催办(${nudged.tasks} 项待报任务)。${QUEUE_DEFERRED_NOTE}`
    : `✅ 已向“${nudged.unitName}”发出催办(列出 ${nudged.tasks} 项待报任务)。`;
}

/** Asks before a period is closed: reports can no longer change afterwards. */
export function renderClosePeriodPrompt(period: { id: number; label: string }) {
  return {
    content: `确定关闭“${period.label}”报送周期吗?关闭后各单位不能再修改本期进展,尚未发出的提醒将取消。`,
    components: [
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId(statusIds.encode('close-confirm', period.id)).setLabel('确认关闭').setStyle(ButtonStyle.Danger),
      ),
    ],
  };
}

export const describePeriodClosed = (period: { label: string }) => `已关闭“${period.label}”报送周期。`;
