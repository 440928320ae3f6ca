import { ActionRowBuilder, AttachmentBuilder, EmbedBuilder, StringSelectMenuBuilder } from 'discord.js';
import { timePhase } from '../../app/phase-timing.js';
import type { RankingReport, UnitResult } from '../../app/ranking/index.js';
import { formatPoints, unitCategoryLabels, type RankingEntry, type UnitCategory } from '../../domain/ranking/index.js';
import { buildRankingWorkbook, renderRankingChart } from '../../exports/index.js';
import { rankingIds } from '../custom-ids.js';
import { colors } from './colors.js';
import { plainText } from './plain-text.js';
import { fitLines } from './pager.js';

/** Discord's limits, with room left for the embed's other parts. */
const FIELD_MAX = 1024;
const DESCRIPTION_MAX = 3800;
const categoryOrder: readonly UnitCategory[] = ['department', 'township', 'other'];

/** The chart and the workbook of a ranking, named as people keep them; shown in /ranking and in the automatic post. */
export async function buildRankingFiles(report: RankingReport): Promise<{ name: string; data: Buffer }[]> {
  const base = rankingFileBase(report);
  const [png, xlsx] = await Promise.all([
    timePhase('ranking.chart', () => renderRankingChart(report.ranking, { title: report.title })),
    timePhase('ranking.workbook', () => buildRankingWorkbook(report)),
  ]);
  return [
    { name: `${base}.png`, data: png },
    { name: `${base}.xlsx`, data: xlsx },
  ];
}

/** File names people keep: '2026年第一季度考核排名.xlsx'. */
export function rankingFileBase(report: RankingReport): string {
  return report.title.replace(/[\\/:*?"<>|（）()\s]/g, '');
}

function rankText(entry: RankingEntry): string {
  return entry.tied ? `并列第${entry.rank}名` : `第${entry.rank}名`;
}

/** Lines that fit in one field; the rest are counted and pointed to the workbook. */
function categoryField(category: UnitCategory, entries: readonly RankingEntry[]) {
  const lines = entries.map((entry) => `${rankText(entry)} ${entry.name} **${formatPoints(entry.score)}**分`);
  return {
    name: `${unitCategoryLabels[category]}(${entries.length} 个单位)`,
    value: fitLines(lines, FIELD_MAX, (left) => `……另有 ${left} 个单位,见附件表格`) || '—',
  };
}

function describeScope(report: RankingReport): string {
  const scope = report.dueDate ? `报送截止 ${report.dueDate}` : `计入${report.quartersCounted.map((q) => `第${q}季度`).join('、') || '(无季度)'}`;
  const rules = report.rulesAreDefault ? '默认评分规则' : '本工作区评分规则';
  const { totals } = report;
  return [
    `${report.workspaceName} · ${scope} · ${rules}`,
    `参加排名 ${totals.ranked} 个单位,考核任务 ${totals.tasks} 项,已报送 ${totals.reports} 份,未报送 ${totals.missing} 份。`,
    '部门和镇街分别排名;得分相同、未报送数和完成数也相同的并列。附件为排名图和 Excel 明细(排名、得分明细、任务状态、评分规则)。',
  ].join('\n');
}

/** The ranking embed: one field per category, the unranked listed with why. */
export function renderRankingEmbed(report: RankingReport): EmbedBuilder {
  const fields = categoryOrder.filter((c) => report.ranking[c].length > 0).map((c) => categoryField(c, report.ranking[c]));
  if (report.ranking.unranked.length > 0) {
    const lines = report.ranking.unranked.map((unit) => `${unit.name}(${unit.reason})`);
    fields.push({ name: '不参加排名', value: fitLines(lines, FIELD_MAX, (left) => `……另有 ${left} 个单位`) || '—' });
  }
  if (fields.length === 0) fields.push({ name: '本期没有可排名的单位', value: '没有单位承担需要报送的任务。' });
  return new EmbedBuilder()
    .setTitle(report.title)
    .setColor(colors.primary)
    .setDescription(describeScope(report))
    .addFields(fields)
    .setFooter({ text: '选择下方单位可查看得分明细' });
}

/** The select for 查看得分明细: ranked units first, at most Discord's 25 options. */
function renderUnitSelect(report: RankingReport) {
  const units = report.units.filter((unit) => unit.rank !== null).slice(0, 25);
  if (units.length === 0) return [];
  const select = new StringSelectMenuBuilder()
    .setCustomId(rankingIds.encode('detail', report.year, report.quarter ?? 0))
    .setPlaceholder('查看得分明细')
    .addOptions(
      units.map((unit) => ({
        label: `${unit.name}`.slice(0, 100),
        description: `${unit.categoryLabel} ${unit.tied ? '并列' : ''}第${unit.rank}名 ${formatPoints(unit.score)}分`.slice(0, 100),
        value: String(unit.unitId),
      })),
    );
  return [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(select)];
}

export function renderRankingView(report: RankingReport, files: readonly { name: string; data: Buffer }[]) {
  return {
    embeds: [renderRankingEmbed(report).setImage(`attachment://${rankingFileBase(report)}.png`)],
    files: files.map((f) => new AttachmentBuilder(f.data, { name: f.name })),
    components: renderUnitSelect(report),
  };
}

function signed(points: number): string {
  return points > 0 ? `+${formatPoints(points)}` : formatPoints(points);
}

/** One unit's score explained: each item with its task and reason. */
export function renderUnitBreakdown(report: RankingReport, unit: UnitResult): EmbedBuilder {
  const place =
    unit.rank === null ? `不参加排名(${unit.unrankedReason ?? '本期没有考核任务'})` : `${unit.categoryLabel}${unit.tied ? '并列' : ''}第${unit.rank}名`;
  const s = unit.stats;
  const head = [
    `${place},得分 **${formatPoints(unit.score)}** 分。`,
    `任务 ${s.tasks} 项(牵头 ${s.leadTasks}、配合 ${s.supportTasks}),已报送 ${s.reported},未报送 ${s.missing},逾期报送 ${s.late},已完成 ${s.done}(按时 ${s.doneOnTime})。`,
  ];
  if (unit.yearReason) head.push(unit.yearReason);
  const lines = unit.breakdown.map((row) => {
    const quarter = report.scope === 'year' ? `Q${row.quarter} ` : '';
    // The domain's reasons usually name the task already ('（一）：逾期报送').
    const task = row.taskLabel && !row.reason.startsWith(row.taskLabel) ? `${row.taskLabel} ` : '';
    return `${quarter}${row.kindLabel} ${signed(row.points)}:${task}${plainText(row.reason, 300)}`;
  });
  const body = fitLines(lines, DESCRIPTION_MAX - head.join('\n').length - 2, (left) => `……另有 ${left} 项,见 Excel 的“得分明细”表`);
  return new EmbedBuilder()
    .setTitle(`${unit.name} · ${report.periodLabel}得分明细`.slice(0, 256))
    .setColor(colors.neutral)
    .setDescription(`${head.join('\n')}\n\n${body}`);
}
