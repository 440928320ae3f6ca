import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type EmbedBuilder } from 'discord.js';

export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}

export function paginate<T>(items: readonly T[], page: number, perPage: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(items.length / perPage));
  const current = Math.min(Math.max(0, page), pageCount - 1);
  return { items: items.slice(current * perPage, (current + 1) * perPage), page: current, pageCount, total: items.length };
}

/** 上一页 / 下一页 buttons whose custom ids (the command's codec, given the target page) carry the page and the command's state. */
export function pagerRow(page: Page<unknown>, idOf: (page: number) => string): ActionRowBuilder<ButtonBuilder> | null {
  if (page.pageCount <= 1) return null;
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(idOf(page.page - 1))
      .setLabel('上一页')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(page.page === 0),
    // Disabled, so never pressed; its id only has to differ from the others.
    new ButtonBuilder()
      .setCustomId(`${idOf(page.page)}:i`)
      .setLabel(`第 ${page.page + 1}/${page.pageCount} 页`)
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(true),
    new ButtonBuilder()
      .setCustomId(idOf(page.page + 1))
      .setLabel('下一页')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(page.page >= page.pageCount - 1),
  );
}

/** Joins lines into one embed description without passing Discord's 4096-character limit. */
/**
 * As many whole lines as fit in `limit` characters, then a line saying how many were left out
 * (the whole, that line included, stays within the limit).
 */
export function fitLines(lines: readonly string[], limit = 4000, rest: (left: number) => string = (left) => `…(另有 ${left} 行未显示)`): string {
  const all = lines.join('\n');
  if (all.length <= limit) return all;
  let text = '';
  for (let i = 0; i < lines.length; i += 1) {
    const next = i === 0 ? (lines[i] as string) : `${text}\n${lines[i]}`;
    if (next.length + 1 + rest(lines.length - i - 1).length > limit) return i === 0 ? rest(lines.length) : `${text}\n${rest(lines.length - i)}`;
    text = next;
  }
  return text;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

function embedLength(embed: EmbedBuilder): number {
  const d = embed.data;
  return (
    (d.title?.length ?? 0) +
    (d.description?.length ?? 0) +
    (d.footer?.text.length ?? 0) +
    (d.author?.name.length ?? 0) +
    (d.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** Keeps a message's embeds under Discord's 6,000-character total by shortening the last descriptions. */
export function withinEmbedBudget(embeds: EmbedBuilder[], budget = 6000): EmbedBuilder[] {
  let total = embeds.reduce((sum, e) => sum + embedLength(e), 0);
  for (const embed of [...embeds].reverse()) {
    if (total <= budget) break;
    const description = embed.data.description ?? '';
    const keep = Math.max(0, description.length - (total - budget) - 1);
    embed.setDescription(keep > 0 ? truncate(description, keep) : '…');
    total = embeds.reduce((sum, e) => sum + embedLength(e), 0);
  }
  return embeds;
}
