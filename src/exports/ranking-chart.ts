import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { formatPoints, unitCategoryLabels, type Ranking, type RankingEntry, type UnitCategory } from '../domain/ranking/index.js';
import { chineseFontFor, setChartFont } from './chinese-font.js';
import { PngWriter } from './png-encoder.js';

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
/**
 * The chart is drawn a band of this many pixels at a time on one canvas and each band goes to the PNG as it is done:
 * a 500-unit chart is 1100×11,500 px, and a canvas that size meant touching 50 MB of fresh memory twice (the
 * surface and the pixels handed to zlib), which cost more than drawing and compressing it.
 */
const bandHeight = 512;
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

/** Where things go: computed once, then painted band by band. */
interface Layout {
  readonly groups: readonly Group[];
  readonly rowHeight: number;
  readonly nameSize: number;
  readonly height: number;
}

function layOut(ranking: Ranking): Layout {
  const groups: Group[] = categoryOrder.map((category) => ({ category, entries: ranking[category] })).filter((group) => group.entries.length > 0);
  const total = groups.reduce((sum, group) => sum + group.entries.length, 0);
  const rowHeight = total > 60 ? 22 : 30;
  const height =
    padding * 2 +
    titleHeight +
    noteHeight +
    (groups.length === 0 ? 80 : groups.reduce((sum, group) => sum + groupHeadingHeight + group.entries.length * rowHeight + axisHeight + groupGap, 0));
  return { groups, rowHeight, nameSize: rowHeight > 22 ? 16 : 13, height };
}

/** What painting needs beyond the layout: fonts, the axis, and the names' measured widths. */
interface Painter {
  readonly ctx: SKRSContext2D;
  readonly layout: Layout;
  readonly title: string;
  readonly font: (px: number, weight?: 'normal' | 'bold') => void;
  readonly axis: { low: number; high: number; step: number } | null;
  readonly nameWidths: ReadonlyMap<string, number>;
  readonly nameWidth: number;
}

/** Paints what lies between `top` and `bottom` (chart coordinates; the canvas is translated to the band). */
function paint(p: Painter, top: number, bottom: number): void {
  const { ctx, layout, font, axis } = p;
  const seen = (from: number, to: number) => to >= top && from <= bottom;
  ctx.textBaseline = 'middle';
  if (seen(0, padding + titleHeight)) {
    ctx.fillStyle = '#1f2933';
    font(26, 'bold');
    ctx.fillText(p.title, padding, padding + titleHeight / 2);
  }
  let y = padding + titleHeight;
  if (!axis) {
    font(18);
    ctx.fillStyle = '#52606d';
    ctx.fillText(noData, padding, y + noteHeight + 30);
    return;
  }
  if (seen(y, y + noteHeight)) {
    font(14);
    ctx.fillStyle = '#52606d';
    ctx.fillText(`各类别内分别排名；分数轴自${formatPoints(axis.low)}分起；名次相同者标“并列”。`, padding, y + noteHeight / 2);
  }
  y += noteHeight;

  const rankWidth = 64;
  const barLeft = padding + rankWidth + p.nameWidth;
  const barRight = width - padding - scoreLabelWidth;
  const xFor = (score: number) => barLeft + ((Math.min(Math.max(score, axis.low), axis.high) - axis.low) / (axis.high - axis.low)) * (barRight - barLeft);
  const { rowHeight, nameSize } = layout;

  for (const group of layout.groups) {
    const groupBottom = y + groupHeadingHeight + group.entries.length * rowHeight + axisHeight;
    if (!seen(y, groupBottom)) {
      y = groupBottom + groupGap;
      continue;
    }
    if (seen(y, y + groupHeadingHeight)) {
      font(19, 'bold');
      ctx.fillStyle = '#1f2933';
      ctx.textAlign = 'left';
      ctx.fillText(`${unitCategoryLabels[group.category]}（${group.entries.length}个单位）`, padding, y + groupHeadingHeight / 2);
    }
    y += groupHeadingHeight;

    const rowsTop = y;
    const rowsBottom = y + group.entries.length * rowHeight;
    ctx.strokeStyle = '#e4e7eb';
    ctx.lineWidth = 1;
    font(12);
    ctx.fillStyle = '#7b8794';
    ctx.textAlign = 'center';
    for (let tick = axis.low; tick <= axis.high; tick += axis.step) {
      const x = Math.round(xFor(tick)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, Math.max(rowsTop, top - 1));
      ctx.lineTo(x, Math.min(rowsBottom, bottom + 1));
      ctx.stroke();
      if (seen(rowsBottom, rowsBottom + axisHeight)) ctx.fillText(formatPoints(tick), x, rowsBottom + 14);
    }

    // Only the rows in this band: the rest are painted with their own band.
    const firstRow = Math.max(0, Math.floor((top - rowsTop) / rowHeight));
    const lastRow = Math.min(group.entries.length - 1, Math.floor((bottom - rowsTop) / rowHeight));
    if (firstRow <= lastRow) font(nameSize);
    for (let i = firstRow; i <= lastRow; i += 1) {
      const entry = group.entries[i] as RankingEntry;
      const rowTop = rowsTop + i * rowHeight;
      const middle = rowTop + rowHeight / 2;
      ctx.fillStyle = '#52606d';
      ctx.textAlign = 'right';
      ctx.fillText(rankText(entry), padding + rankWidth - 12, middle);
      ctx.fillStyle = '#1f2933';
      ctx.textAlign = 'left';
      ctx.fillText(fitText(ctx, entry.name, p.nameWidths.get(entry.name) ?? Number.POSITIVE_INFINITY, p.nameWidth - 12), padding + rankWidth, middle);
      const end = xFor(entry.score);
      ctx.fillStyle = barColors[group.category];
      ctx.fillRect(barLeft, rowTop + rowHeight * 0.18, Math.max(2, end - barLeft), rowHeight * 0.64);
      ctx.fillStyle = '#1f2933';
      ctx.fillText(formatPoints(entry.score), end + 8, middle);
    }
    y = rowsBottom + axisHeight + groupGap;
  }
}

/**
 * A horizontal bar chart of a ranking, one panel per category (部门, 镇街), units in rank order with
 * their rank and score, as a PNG. Chinese is drawn with the bundled Noto Sans SC.
 */
export async function renderRankingChart(ranking: Ranking, options: RankingChartOptions = {}): Promise<Buffer> {
  const layout = layOut(ranking);
  const title = options.title ?? '考核排名';
  const canvas = createCanvas(width, Math.min(layout.height, bandHeight));
  const ctx = canvas.getContext('2d');
  // Only the font slices for what is drawn here: the title, the fixed wording, the categories, names and numbers.
  const drawn = [
    title,
    noData,
    '各类别内分别排名；分数轴自分起；名次相同者标“并列”。',
    '（个单位）并列…0123456789.-',
    ...layout.groups.map((group) => unitCategoryLabels[group.category]),
    ...layout.groups.flatMap((group) => group.entries.map((entry) => entry.name)),
  ].join('');
  const fonts = chineseFontFor(drawn);
  const font = (px: number, weight: 'normal' | 'bold' = 'normal') => setChartFont(ctx, px, weight, fonts);

  const scores = layout.groups.flatMap((group) => group.entries.map((entry) => entry.score));
  font(layout.nameSize);
  // Measured once: measuring Chinese text through the font list is what drawing a long ranking spends most on.
  const nameWidths = new Map(layout.groups.flatMap((group) => group.entries.map((entry) => [entry.name, ctx.measureText(entry.name).width] as const)));
  const longestName = nameWidths.size > 0 ? Math.max(...nameWidths.values()) : 0;
  const painter: Painter = {
    ctx,
    layout,
    title,
    font,
    axis: scores.length > 0 ? chooseAxis(scores) : null,
    nameWidths,
    nameWidth: Math.min(maxNameWidth, Math.ceil(longestName) + 12),
  };

  const png = new PngWriter(width, layout.height);
  for (let top = 0; top < layout.height; top += bandHeight) {
    const rows = Math.min(bandHeight, layout.height - top);
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, canvas.height);
    ctx.translate(0, -top);
    paint(painter, top, top + rows);
    ctx.restore();
    await png.writeRows(canvas, rows);
  }
  return png.end();
}
