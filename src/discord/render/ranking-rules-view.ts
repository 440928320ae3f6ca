import { EmbedBuilder } from 'discord.js';
import type { ScoringRulesView } from '../../app/ranking/index.js';
import { fitLines } from './pager.js';
import { colors } from './colors.js';

/** The scoring rules in plain Chinese, as units and leaders read them. */
export function renderScoringRules(view: ScoringRulesView): EmbedBuilder {
  const lines = view.text.map((line) => `• ${line}`);
  return new EmbedBuilder()
    .setTitle(view.isDefault ? '考核评分规则(默认规则)' : '考核评分规则(本工作区设定)')
    .setColor(colors.primary)
    .setDescription(fitLines(lines, 3800, (left) => `……另有 ${left} 条`))
    .setFooter({ text: '只按工作实绩计分:不看点击、在线时长或回复提醒的快慢。' });
}

/** The answer to /ranking rules set. */
export function renderRulesSaved(view: ScoringRulesView) {
  return { content: '✅ 评分规则已保存,此后生成的排名按新规则计分(已发布的排名快照不变)。', embeds: [renderScoringRules(view)] };
}

/** The answer to /ranking bonus: what was awarded, as the use-case words it. */
export function renderBonusAwarded(awarded: { message: string }): string {
  return `✅ ${awarded.message}`;
}
