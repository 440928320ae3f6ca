export { buildAnnualReportDocx } from './annual-report-docx.js';
export { registerChineseFont } from './chinese-font.js';
export { renderRankingChart, type RankingChartOptions } from './ranking-chart.js';
export { buildRankingWorkbook } from './ranking-workbook.js';
export { buildLedgerWorkbook } from './ledger-workbook.js';
