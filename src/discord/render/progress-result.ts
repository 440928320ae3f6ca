import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { ProgressReplyDraft } from '../../app/progress/progress-reply.js';
import type { RecordedProgress } from '../../app/progress/record-progress.js';
import { labelProgressStatus } from '../../domain/progress/index.js';
import { progressIds } from '../custom-ids.js';
import { colors } from './colors.js';
import { fitLines, truncate } from './pager.js';
import { plainText } from './plain-text.js';

/** "已保存 …" after a report: committed to the database before this is shown. */
export function describeRecorded(r: RecordedProgress): string {
  const percent = r.percent !== null ? ` ${r.percent}%` : '';
  const flags = [
    r.edited ? `第 ${r.revision} 版,已覆盖上一版(历次版本均保留)` : '',
    r.late ? '迟报:已超过截止日期,已记录' : '',
    r.evidenceCount ? `佐证材料 ${r.evidenceCount} 个` : '',
  ]
    .filter(Boolean)
    .join(';');
  return `✅ 第 ${r.task.seq} 项 ${r.task.label}${truncate(r.task.title, 40)}:${labelProgressStatus(r.status)}${percent}${flags ? `(${flags})` : ''}`;
}

export function renderSavedMessage(recorded: readonly RecordedProgress[], unitName: string, periodLabel: string): string {
  return [`已保存“${unitName}”${periodLabel}的进展,谢谢!`, ...recorded.map(describeRecorded)].join('\n');
}

/** Shown when storing failed: the liaison's own text comes back so nothing they typed is lost. */
export function renderNotSaved(reason: string, text: string): string {
  const quoted = truncate(text, 1500);
  return `❌ 进展没有保存:${reason}\n\n你填写的内容如下,请复制保存后重试:\n>>> ${quoted}`;
}

/**
 * The answer to a reply in a shared channel: no progress text, just a button that shows the liaison
 * (and only them) the split reply to check and save.
 */
export function renderPrivateReviewPrompt(draftId: string, draft: ProgressReplyDraft) {
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(progressIds.encode('reply-review', draftId)).setLabel('核对并保存').setStyle(ButtonStyle.Primary),
  );
  return {
    content: `已收到“${draft.unitName}”${draft.periodLabel}的进展回复。这里是公共频道,进展内容不在此显示:请回复人点击“核对并保存”,在仅自己可见的消息中核对后保存。`,
    components: [row],
  };
}

/** The split reply shown back before anything is stored. */
export function renderReplyConfirmation(draftId: string, draft: ProgressReplyDraft) {
  const lines: string[] = [];
  for (const item of draft.items) {
    if (item.taskId === null) {
      lines.push(
        `⚠️ 编号 ${item.marker || item.label} 不是本单位的任务${item.issue === 'ambiguous_task' ? '(对应多项任务)' : ''},这部分不会保存:${plainText(item.text, 80)}`,
      );
      continue;
    }
    const percent = item.percent !== null ? ` ${item.percent}%` : '';
    const assumed = item.statusAssumed ? '(未写明状态,按“推进中”记录)' : '';
    lines.push(`**${item.label}** 第 ${item.seq} 项 → ${labelProgressStatus(item.status)}${percent}${assumed}\n> ${plainText(item.text, 300)}`);
  }
  for (const leftover of draft.leftovers) lines.push(`ℹ️ 以下文字没有对应任务编号,不会保存:${plainText(leftover, 120)}`);
  if (draft.attachments.length)
    lines.push(`📎 附件 ${draft.attachments.length} 个(${draft.attachments.map((a) => a.filename).join('、')})将作为佐证材料一并保存。`);
  const embed = new EmbedBuilder()
    .setColor(colors.primary)
    .setTitle(truncate(`请确认:${draft.unitName} · ${draft.periodLabel}进展`, 256))
    .setDescription(fitLines(lines, 3800))
    .setFooter({ text: '确认后保存;内容有误请点“取消”后重新回复。' });
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(progressIds.encode('reply-confirm', draftId)).setLabel('确认保存').setStyle(ButtonStyle.Success),
    new ButtonBuilder().setCustomId(progressIds.encode('reply-cancel', draftId)).setLabel('取消').setStyle(ButtonStyle.Secondary),
  );
  return { embeds: [embed], components: [row] };
}
