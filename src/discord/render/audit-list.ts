import { EmbedBuilder } from 'discord.js';
import type { AuditEntryView } from '../../app/audit/list-audit-entries.js';
import { auditLine } from './audit-entry.js';
import { colors } from './colors.js';
import { fitLines, paginate, type Page } from './pager.js';

export const AUDIT_PAGE_SIZE = 10;

export function renderAuditList(
  entries: readonly AuditEntryView[],
  page: number,
  filter: { limit: number; actorId: string | null },
): { embed: EmbedBuilder; page: Page<AuditEntryView> } {
  const current = paginate(entries, page, AUDIT_PAGE_SIZE);
  const scope = filter.actorId ? `<@${filter.actorId}> 的` : '';
  const embed = new EmbedBuilder()
    .setColor(colors.neutral)
    .setTitle(`操作记录(最近 ${entries.length} 条${entries.length === filter.limit ? ',可用“条数”查看更多' : ''})`)
    .setDescription(
      entries.length === 0
        ? `暂无${scope}操作记录。单位目录、工作要点、督办设置等每一项改动都会记录在这里。`
        : fitLines([...(scope ? [`只看 ${scope}操作:`] : []), ...current.items.map(auditLine)]),
    )
    .setFooter({ text: `第 ${current.page + 1}/${current.pageCount} 页 · 时间按你的设备时区显示` });
  return { embed, page: current };
}
