import { ledgerStatusLabel, taskRoleLabels, type RankingReport } from '../app/ranking/index.js';
import { reportRatingLabels, unitCategoryLabels } from '../domain/ranking/index.js';
import { formatLocalDateTime } from '../domain/calendar/index.js';
import { writeXlsx, type XlsxCell, type XlsxSheet } from './xlsx-writer.js';

/** A column: its header, width in characters, and whether it holds scores (shown with two decimals). */
export interface Column {
  readonly header: string;
  readonly width: number;
  readonly score?: boolean;
}
const quarterHeaders = ['第一季度', '第二季度', '第三季度', '第四季度'] as const;

/**
 * A sheet with a title in row 1 and the header in row 2, frozen below the header and filterable, so
 * it prints with its title and sorts like any table.
 */
export function tableSheet(name: string, title: string, columns: readonly Column[], rows: readonly XlsxCell[][]): XlsxSheet {
  return {
    name,
    columns: columns.map((column) => ({ width: column.width, ...(column.score ? { score: true } : {}) })),
    rows: [{ cells: [title], style: 'title' }, { cells: columns.map((column) => column.header), style: 'header' }, ...rows.map((cells) => ({ cells }))],
    titleMerged: true,
    frozenRows: 2,
    autoFilterRow: 2,
    landscape: true,
  };
}

function rankingSheet(report: RankingReport): XlsxSheet {
  const isYear = report.scope === 'year';
  const columns: Column[] = [
    { header: '类别', width: 8 },
    { header: '名次', width: 8 },
    { header: '单位', width: 24 },
    { header: '得分', width: 10, score: true },
    ...(isYear ? quarterHeaders.map((header) => ({ header, width: 10, score: true })) : []),
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
  return tableSheet('排名', report.title, columns, rows);
}

function breakdownSheet(report: RankingReport): XlsxSheet {
  const isYear = report.scope === 'year';
  const columns: Column[] = [
    { header: '类别', width: 8 },
    { header: '单位', width: 24 },
    ...(isYear ? [{ header: '季度', width: 10 }] : []),
    { header: '项目', width: 14 },
    { header: '任务', width: 10 },
    { header: '分值', width: 9, score: true },
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
  return tableSheet('得分明细', `${report.title}——得分明细`, columns, rows);
}

function taskSheet(report: RankingReport): XlsxSheet {
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
    { header: '佐证材料', width: 30 },
  ];
  const rows = report.tasks.map(({ period, task, unit, role, report: sent, evidence }) => [
    period.label,
    task.seq,
    task.label,
    task.title,
    task.sectionTitle ?? '',
    task.dueDate ?? '',
    unit.name,
    unitCategoryLabels[unit.category],
    taskRoleLabels[role],
    ledgerStatusLabel(sent),
    sent?.percent == null ? '' : `${sent.percent}%`,
    sent?.late ? '是' : '',
    sent?.perfunctory ? '是' : '',
    sent?.rating ? reportRatingLabels[sent.rating] : '',
    sent ? formatLocalDateTime(sent.submittedAt, report.timeZone) : '',
    sent?.text ?? '',
    evidence.join('、'),
  ]);
  return tableSheet('任务状态', `${report.title}——任务状态`, columns, rows);
}

function rulesSheet(report: RankingReport): XlsxSheet {
  return {
    name: '评分规则',
    columns: [{ width: 110 }],
    rows: [
      { cells: [report.rulesAreDefault ? '评分规则（默认规则）' : '评分规则（本工作区设定）'], style: 'title' },
      ...report.rulesText.map((line) => ({ cells: [line] })),
    ],
  };
}

/**
 * The ranking as an .xlsx workbook, the format staff pass around: 排名 (one row per unit),
 * 得分明细 (every item of every score), 任务状态 (every unit's part in every task) and 评分规则.
 * Text a liaison typed that looks like a formula stays text (see xlsx-writer.ts).
 */
export function buildRankingWorkbook(report: RankingReport): Promise<Buffer> {
  return writeXlsx([rankingSheet(report), breakdownSheet(report), taskSheet(report), rulesSheet(report)], { creator: '督办系统', title: report.title });
}
