import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { formatPoints, unitCategoryLabels, type Ranking, type RankingEntry, type UnitCategory } from '../domain/ranking/index.js';
import { chineseFontFor, setChartFont } from './chinese-font.js';

export interface RankingChartOptions {
  /** e.g. '2026年第一季度考核排名'; drawn at the top. */
  readonly title?: string;
}

interface Group {
  readonly category: UnitCategory;
  readonly entries: readonly RankingEntry[];
}

const width = 1100;
const padding = 32;
const titleHeight = 44;
const noteHeight = 30;
const groupHeadingHeight = 40;
const axisHeight = 34;
const groupGap = 20;
const scoreLabelWidth = 72;
const maxNameWidth = 300;
const categoryOrder: readonly UnitCategory[] = ['department', 'township', 'other'];
const noData = '本期暂无排名数据：没有单位承担需要报送的任务。';
const barColors: Readonly<Record<UnitCategory, string>> = { department: '#2f6fb3', township: '#2f9e6b', other: '#8a6d3b' };

/**
 * The score axis starts a little below the lowest score, not at 0: scores sit close to the base
 * of 100, and bars from 0 would all look the same. The note under the title says where it starts.
 */
function chooseAxis(scores: readonly number[]): { low: number; high: number; step: number } {
  const lowest = Math.min(...scores);
  const highest = Math.max(...scores);
  let low = Math.floor((lowest - 5) / 10) * 10;
  if (lowest >= 0 && low < 0) low = 0;
  let high = Math.ceil((highest + 1) / 10) * 10;
  if (high - low < 10) high = low + 10;
  const span = high - low;
  const step = span <= 40 ? 5 : span <= 100 ? 10 : span <= 200 ? 20 : 50;
  return { low, high, step };
}

function fitText(ctx: SKRSContext2D, text: string, width: number, maxWidth: number): string {
  if (width <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function rankText(entry: RankingEntry): string {
  return entry.tied ? `并列${entry.rank}` : String(entry.rank);
}

/**
 * A horizontal bar chart of a ranking, one panel per category (部门, 镇街), units in rank order with
 * their rank and score, as a PNG. Chinese is drawn with the bundled Noto Sans SC.
 */
export async function renderRankingChart(ranking: Ranking, options: RankingChartOptions = {}): Promise<Buffer> {
  const groups: Group[] = categoryOrder.map((category) => ({ category, entries: ranking[category] })).filter((group) => group.entries.length > 0);
  const total = groups.reduce((sum, group) => sum + group.entries.length, 0);
  const rowHeight = total > 60 ? 22 : 30;
  const nameSize = rowHeight > 22 ? 16 : 13;
  const height =
    padding * 2 +
    titleHeight +
    noteHeight +
    (groups.length === 0 ? 80 : groups.reduce((sum, group) => sum + groupHeadingHeight + group.entries.length * rowHeight + axisHeight + groupGap, 0));

  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  // Only the font slices for what is drawn here: the title, the fixed wording, the categories, names and numbers.
  const drawn = [
    options.title ?? '考核排名',
    noData,
    '各类别内分别排名；分数轴自分起；名次相同者标“并列”。',
    '（个单位）并列…0123456789.-',
    ...groups.map((group) => unitCategoryLabels[group.category]),
    ...groups.flatMap((group) => group.entries.map((entry) => entry.name)),
  ].join('');
  const fonts = chineseFontFor(drawn);
  const font = (px: number, weight: 'normal' | 'bold' = 'normal') => setChartFont(ctx, px, weight, fonts);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'middle';

  ctx.fillStyle = '#1f2933';
  font(26, 'bold');
  ctx.fillText(options.title ?? '考核排名', padding, padding + titleHeight / 2);

  let y = padding + titleHeight;
  if (groups.length === 0) {
    font(18);
    ctx.fillStyle = '#52606d';
    ctx.fillText(noData, padding, y + noteHeight + 30);
    return canvas.encode('png');
  }

  const axis = chooseAxis(groups.flatMap((group) => group.entries.map((entry) => entry.score)));
  font(14);
  ctx.fillStyle = '#52606d';
  ctx.fillText(`各类别内分别排名；分数轴自${formatPoints(axis.low)}分起；名次相同者标“并列”。`, padding, y + noteHeight / 2);
  y += noteHeight;

  font(nameSize);
  const rankWidth = 64;
  // Measured once: measuring Chinese text through the font list is what drawing a long ranking spends most on.
  const nameWidths = new Map(groups.flatMap((group) => group.entries.map((entry) => [entry.name, ctx.measureText(entry.name).width] as const)));
  const longestName = Math.max(...nameWidths.values());
  const nameWidth = Math.min(maxNameWidth, Math.ceil(longestName) + 12);
  const barLeft = padding + rankWidth + nameWidth;
  const barRight = width - padding - scoreLabelWidth;
  const xFor = (score: number) => barLeft + ((Math.min(Math.max(score, axis.low), axis.high) - axis.low) / (axis.high - axis.low)) * (barRight - barLeft);

  for (const group of groups) {
    font(19, 'bold');
    ctx.fillStyle = '#1f2933';
    ctx.fillText(`${unitCategoryLabels[group.category]}（${group.entries.length}个单位）`, padding, y + groupHeadingHeight / 2);
    y += groupHeadingHeight;

    const top = y;
    const bottom = y + group.entries.length * rowHeight;
    ctx.strokeStyle = '#e4e7eb';
    ctx.lineWidth = 1;
    font(12);
    ctx.fillStyle = '#7b8794';
    ctx.textAlign = 'center';
    for (let tick = axis.low; tick <= axis.high; tick += axis.step) {
      const x = Math.round(xFor(tick)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.fillText(formatPoints(tick), x, bottom + 14);
    }

    for (const entry of group.entries) {
      const middle = y + rowHeight / 2;
      font(nameSize);
      ctx.fillStyle = '#52606d';
      ctx.textAlign = 'right';
      ctx.fillText(rankText(entry), padding + rankWidth - 12, middle);
      ctx.fillStyle = '#1f2933';
      ctx.textAlign = 'left';
      ctx.fillText(fitText(ctx, entry.name, nameWidths.get(entry.name) ?? Number.POSITIVE_INFINITY, nameWidth - 12), padding + rankWidth, middle);
      const end = xFor(entry.score);
      ctx.fillStyle = barColors[group.category];
      ctx.fillRect(barLeft, y + rowHeight * 0.18, Math.max(2, end - barLeft), rowHeight * 0.64);
      ctx.fillStyle = '#1f2933';
      ctx.fillText(formatPoints(entry.score), end + 8, middle);
      y += rowHeight;
    }
    y += axisHeight + groupGap;
  }
  return canvas.encode('png');
}
