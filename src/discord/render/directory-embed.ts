import { commandRef } from '../../command-names.js';
import { EmbedBuilder } from 'discord.js';
import type { DirectoryView } from '../../app/units/list-directory.js';
import { mergeCommand } from '../../app/units/unit-directory.js';
import { unitCategoryLabels } from '../../domain/units/index.js';
import { colors } from './colors.js';
import { fitLines, paginate, type Page } from './pager.js';

const kindLabels = { user: '用户', role: '身份组', channel: '频道' } as const;

function describeBinding(kind: 'user' | 'role' | 'channel', id: string): string {
  return kind === 'user' ? `<@${id}>` : kind === 'role' ? `<@&${id}>` : `<#${id}>`;
}

export function directoryLines(view: DirectoryView): string[] {
  const lines: string[] = [];
  for (const category of ['department', 'township', 'other'] as const) {
    const units = view.units.filter((u) => u.category === category);
    if (units.length === 0) continue;
    lines.push(`**${unitCategoryLabels[category]}(${units.length})**`);
    for (const unit of units) {
      const aliases = unit.aliases.length ? `(别名:${unit.aliases.join('、')})` : '';
      const liaisons = unit.liaisons
        .filter((l) => l.purpose === 'liaison')
        .map((l) => `${kindLabels[l.target_kind]} ${describeBinding(l.target_kind, l.target_id)}`);
      const leaders = unit.liaisons.filter((l) => l.purpose === 'leader').map((l) => describeBinding(l.target_kind, l.target_id));
      const retired = unit.active ? '' : '(已停用)';
      lines.push(
        `• ${unit.name}${retired}${aliases} — 联络员:${liaisons.length ? liaisons.join('、') : '未绑定'}${leaders.length ? `;分管领导:${leaders.join('、')}` : ''}`,
      );
    }
  }
  if (view.collectives.length) {
    lines.push('**统称**');
    for (const c of view.collectives) lines.push(`• ${c.name} → ${c.members.length ? c.members.join('、') : '(尚未指定成员)'}`);
  }
  return lines;
}

/** Units that look like one unit written two ways, each with the command that merges them. */
export function abbreviationLines(view: DirectoryView): string[] {
  return view.abbreviations.map((pair) => `• “${pair.short}”可能是“${pair.full}”的简称。如是同一单位:${mergeCommand(pair.short, pair.full)}`);
}

export function directoryEmbed(view: DirectoryView, page: number): { embed: EmbedBuilder; page: Page<string> } {
  const lines = directoryLines(view);
  const current = paginate(lines, page, 30);
  const embed = new EmbedBuilder()
    .setColor(colors.primary)
    .setTitle(`单位目录(${view.units.length} 个单位,${view.collectives.length} 个统称)`)
    .setDescription(lines.length ? fitLines(current.items) : `目录为空。用 ${commandRef('unit add')} 添加单位,或导入工作要点时一键创建。`);
  const suggestions = abbreviationLines(view);
  if (suggestions.length) embed.addFields({ name: '可能重复的单位(简称与全称)', value: fitLines(suggestions, 1000) });
  return { embed, page: current };
}
