import { commandRef } from '../../command-names.js';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { LoadedCalendar } from '../../app/calendar/load-calendar-file.js';
import type { FailedDelivery } from '../../app/reminders/failed-deliveries.js';
import type { ReminderOverviewData } from '../../app/reminders/reminder-overview.js';
import { reminderStageLabels } from '../../domain/calendar/index.js';
import { remindersIds } from '../custom-ids.js';
import { readableFailureReason } from '../delivery-failure.js';
import { colors } from './colors.js';
import { fitLines, truncate } from './pager.js';

const cadenceLabels = { quarterly: '按季度', monthly: '按月', custom: '自定义周期' } as const;

function describeOffset(offset: number): string {
  if (offset === 0) return '截止当日';
  return offset < 0 ? `截止前 ${-offset} 个工作日` : `截止后 ${offset} 个工作日`;
}

/** /reminders show: the plan, when the current period's reminders go, and the holiday data it relies on. */
export function renderReminderOverview(overview: ReminderOverviewData, notice?: string): { content: string; embeds: EmbedBuilder[] } {
  const stageLines = [...overview.plan.stages]
    .sort((a, b) => a.offsetWorkdays - b.offsetWorkdays)
    .map((s) => `· ${describeOffset(s.offsetWorkdays)}${s.audience === 'escalation' ? ':升级提醒督办人(及单位分管领导)' : ':提醒联络员'}`);
  const dates = overview.planned.map((p) => `· ${p.date} ${overview.plan.time} ${reminderStageLabels[p.stage]}${p.audience === 'escalation' ? '(升级)' : ''}`);
  const embed = new EmbedBuilder()
    .setColor(colors.primary)
    .setTitle('提醒计划')
    .setDescription(
      fitLines([
        `**报送周期**:${cadenceLabels[overview.cadence.cadence]},每期截止日为${overview.cadence.cadence === 'custom' ? '各期自定' : `最后一个月的 ${overview.cadence.dueDay} 日`}`,
        `**提醒时间**:${overview.plan.time}(${overview.plan.timeZone});遇周末、节假日提前到上一个工作日,调休上班日照常提醒`,
        '**提醒阶段**:',
        ...stageLines,
        '',
        overview.period ? `**${overview.period.label}**(截止 ${overview.period.dueDate})的提醒:` : '尚未导入工作要点。',
        ...dates,
        '',
        `待发送 ${overview.counts.pending} 条 · 已发送 ${overview.counts.sent} 条 · 发送失败 ${overview.counts.failed} 条`,
        ...overview.coverageNotices.map((n) => `⚠️ ${n}`),
      ]),
    )
    .setFooter({ text: `修改:${commandRef('reminders set')};失败列表:${commandRef('reminders failed')};节假日安排:${commandRef('reminders calendar')}` });
  return { content: notice ?? '', embeds: [embed] };
}

const MAX_RETRY_BUTTONS = 20;

/** /reminders failed: what could not be sent, why, and a 重试 button each. */
export function renderFailedList(failed: readonly FailedDelivery[], notice?: string) {
  const embed = new EmbedBuilder()
    .setColor(failed.length ? colors.danger : colors.success)
    .setTitle(`发送失败的提醒和通知(${failed.length})`)
    .setDescription(
      fitLines(
        failed.length
          ? failed.map((f, i) => `${i + 1}. **${f.what}**(尝试 ${f.attempts} 次)\n   ${truncate(readableFailureReason(f.error), 200)}`)
          : ['没有发送失败的提醒。'],
      ),
    );
  const buttons = failed.slice(0, MAX_RETRY_BUTTONS).map((f, i) =>
    new ButtonBuilder()
      .setCustomId(remindersIds.encode('retry', f.ref))
      .setLabel(`重试 ${i + 1}`)
      .setStyle(ButtonStyle.Primary),
  );
  const components: ActionRowBuilder<ButtonBuilder>[] = [];
  for (let i = 0; i < buttons.length; i += 5) components.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(i, i + 5)));
  return { content: notice ?? '', embeds: [embed], components };
}

export const planUpdatedNote = '✅ 提醒计划已更新,尚未发出的提醒已按新计划调整。';
export const retryQueuedNote = '✅ 已重新排入发送队列。';

/** The answer to /reminders calendar. */
export function describeCalendarLoaded(loaded: LoadedCalendar): string {
  const replanned =
    loaded.coverageBefore === 'weekends-only'
      ? `此前 ${loaded.year} 年没有节假日数据,提醒仅按周末推算,现已按导入的安排重新计算。`
      : '提醒日期已按新安排重新计算。';
  return `✅ 已${loaded.replaced ? '更新' : '导入'} ${loaded.year} 年节假日安排:放假 ${loaded.holidays} 天,调休上班 ${loaded.makeUpWorkdays} 天。${replanned}`;
}
