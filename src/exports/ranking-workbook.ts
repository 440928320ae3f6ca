import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { RankingReport } from '../app/ranking/index.js';

/** A column: its header, width in characters, and an Excel number format when it holds scores. */
interface Column {
  readonly header: string;
  readonly width: number;
  readonly numFmt?: string;
}

const scoreFormat = '0.00';
const quarterHeaders = ['第一季度', '第二季度', '第三季度', '第四季度'] as const;

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per time zone: making one is far slower than using it, and a workbook has 20,000 times to show. */
function timeFormatFor(timeZone: string): Intl.DateTimeFormat {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    timeFormats.set(timeZone, format);
  }
  return format;
}

/** '2026-03-20 10:00' in the workspace's time zone: what staff expect to read in a cell. */
function formatLocalTime(iso: string | null, timeZone: string): string {
  if (iso === null) return '';
  const parts = timeFormatFor(timeZone).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/**
 * A sheet with a title in row 1 and the header in row 2, frozen below the header and filterable, so
 * it prints with its title and sorts like any table.
 */
function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  columns: readonly Column[],
  rows: readonly (string | number | null)[][],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  // Only score columns carry a style: ExcelJS renders a styled cell's style to dedupe it, 40,000 times for nothing.
  sheet.columns = columns.map((column) => (column.numFmt ? { width: column.width, style: { numFmt: column.numFmt } } : { width: column.width }));
  const titleRow = sheet.addRow([title]);
  titleRow.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, columns.length);
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of rows) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  return sheet;
}

function addRankingSheet(workbook: ExcelJS.Workbook, report: RankingReport): void {
  const isYear = report.scope === 'year';
  const columns: Column[] = [
    { header: '类别', width: 8 },
    { header: '名次', width: 8 },
    { header: '单位', width: 24 },
    { header: '得分', width: 10, numFmt: scoreFormat },
    ...(isYear ? quarterHeaders.map((header) => ({ header, width: 10, numFmt: scoreFormat })) : []),
    { header: '并列', width: 6 },
    { header: '考核任务', width: 9 },
    { header: '牵头', width: 7 },
    { header: '配合', width: 7 },
    { header: '已报送', width: 8 },
    { header: '未报送', width: 8 },
    { header: '逾期报送', width: 9 },
    { header: '敷衍应付', width: 9 },
    { header: '已完成', width: 8 },
    { header: '按时完成', width: 9 },
    { header: '说明', width: 48 },
  ];
  const rows = report.units.map((unit) => [
    unit.categoryLabel,
    unit.rank ?? '不参加排名',
    unit.name,
    unit.rank === null ? null : unit.score,
    ...(isYear ? [0, 1, 2, 3].map((index) => unit.quarterScores?.[index] ?? null) : []),
    unit.tied ? '是' : '',
    unit.stats.tasks,
    unit.stats.leadTasks,
    unit.stats.supportTasks,
    unit.stats.reported,
    unit.stats.missing,
    unit.stats.late,
    unit.stats.perfunctory,
    unit.stats.done,
    unit.stats.doneOnTime,
    unit.unrankedReason ?? unit.yearReason ?? '',
  ]);
  addTableSheet(workbook, '排名', report.title, columns, rows);
}

function addBreakdownSheet(workbook: ExcelJS.Workbook, report: RankingReport): void {
  const isYear = report.scope === 'year';
  const columns: Column[] = [
    { header: '类别', width: 8 },
    { header: '单位', width: 24 },
    ...(isYear ? [{ header: '季度', width: 10 }] : []),
    { header: '项目', width: 14 },
    { header: '任务', width: 10 },
    { header: '分值', width: 9, numFmt: scoreFormat },
    { header: '说明', width: 70 },
  ];
  const rows = report.units.flatMap((unit) =>
    unit.breakdown.map((item) => [
      unit.categoryLabel,
      unit.name,
      ...(isYear ? [quarterHeaders[item.quarter - 1] ?? ''] : []),
      item.kindLabel,
      item.taskLabel ?? '',
      item.points,
      item.reason,
    ]),
  );
  addTableSheet(workbook, '得分明细', `${report.title}——得分明细`, columns, rows);
}

function addTaskSheet(workbook: ExcelJS.Workbook, report: RankingReport): void {
  const columns: Column[] = [
    { header: '报送周期', width: 16 },
    { header: '序号', width: 6 },
    { header: '任务', width: 8 },
    { header: '任务名称', width: 36 },
    { header: '所属部分', width: 20 },
    { header: '完成时限', width: 12 },
    { header: '单位', width: 22 },
    { header: '类别', width: 8 },
    { header: '角色', width: 6 },
    { header: '状态', width: 8 },
    { header: '完成百分比', width: 10 },
    { header: '逾期报送', width: 8 },
    { header: '敷衍应付', width: 8 },
    { header: '督办评价', width: 8 },
    { header: '报送时间', width: 17 },
    { header: '进展情况', width: 60 },
  ];
  const categoryLabel = new Map(report.units.map((unit) => [unit.unitId, unit.categoryLabel]));
  const rows = report.tasks.map((row) => [
    row.periodLabel,
    row.seq,
    row.taskLabel,
    row.taskTitle,
    row.sectionTitle ?? '',
    row.dueDate ?? '',
    row.unitName,
    categoryLabel.get(row.unitId) ?? '',
    row.roleLabel,
    row.statusLabel,
    row.percent === null ? '' : `${row.percent}%`,
    row.late ? '是' : '',
    row.perfunctory ? '是' : '',
    row.ratingLabel ?? '',
    formatLocalTime(row.submittedAt, report.timeZone),
    row.text ?? '',
  ]);
  addTableSheet(workbook, '任务状态', `${report.title}——任务状态`, columns, rows);
}

function addRulesSheet(workbook: ExcelJS.Workbook, report: RankingReport): void {
  const sheet = workbook.addWorksheet('评分规则');
  sheet.columns = [{ width: 110 }];
  sheet.addRow([report.rulesAreDefault ? '评分规则（默认规则）' : '评分规则（本工作区设定）']).font = { bold: true, size: 14 };
  for (const line of report.rulesText) sheet.addRow([line]);
}

/**
 * The ranking as an .xlsx workbook, the format staff pass around: 排名 (one row per unit),
 * 得分明细 (every item of every score), 任务状态 (every unit's part in every task) and 评分规则.
 */
export async function buildRankingWorkbook(report: RankingReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '督办系统';
  workbook.title = report.title;
  addRankingSheet(workbook, report);
  addBreakdownSheet(workbook, report);
  addTaskSheet(workbook, report);
  addRulesSheet(workbook, report);
  markFormulaLikeText(workbook);
  // Stored, not deflated: the archive is opened again for quotePrefix and deflated once there.
  return quotePrefixTextCells(Buffer.from(await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } })));
}

/**
 * Text that Excel, LibreOffice or WPS would take for a formula once someone edits the cell or the sheet goes
 * through CSV: "=…", "+…", "-…", "@…", and the same behind a tab or carriage return. Progress text and names
 * are typed by liaisons, so they can start like this by accident or on purpose ("=HYPERLINK(…)").
 */
const FORMULA_LIKE = /^[=+\-@\t\r]/;

/** Excel's built-in Text number format: its id in styles.xml, and nothing else in these workbooks uses it. */
const TEXT_FORMAT = '@';
const TEXT_FORMAT_ID = 49;

function markFormulaLikeText(workbook: ExcelJS.Workbook): void {
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && FORMULA_LIKE.test(cell.value)) cell.numFmt = TEXT_FORMAT;
      });
    });
  }
}

/**
 * Adds quotePrefix to the cell formats of Text cells — what Excel itself writes when a cell is typed with a
 * leading apostrophe, so the text stays text when edited and saved again. ExcelJS does not write quotePrefix,
 * so styles.xml is completed after it.
 */
function quotePrefixTextCells(xlsx: Buffer): Buffer {
  const parts = unzipSync(new Uint8Array(xlsx.buffer, xlsx.byteOffset, xlsx.byteLength));
  const styles = parts['xl/styles.xml'];
  if (!styles) throw new Error('the workbook has no xl/styles.xml');
  const marked = strFromU8(styles).replace(
    new RegExp(`<xf numFmtId="${TEXT_FORMAT_ID}"(?![^>]*quotePrefix)`, 'g'),
    `<xf numFmtId="${TEXT_FORMAT_ID}" quotePrefix="1"`,
  );
  const files: Zippable = {};
  for (const [name, data] of Object.entries(parts)) files[name] = name === 'xl/styles.xml' ? strToU8(marked) : data;
  return Buffer.from(zipSync(files, { level: 6 }));
}
