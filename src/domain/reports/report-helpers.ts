import { toDateParts, type LocalDate } from '../calendar/local-date.js';
import type { ReportEntry, ReportTask, ReportUnit } from './report-input.js';

const nameCollator = new Intl.Collator('zh-CN');

export function compareNames(a: string, b: string): number {
  return nameCollator.compare(a, b);
}

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99). */
export function formatChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return digits[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (digits[tens] ?? '')}十${ones === 0 ? '' : (digits[ones] ?? '')}`;
}

/** 2026-06-30 → 2026年6月30日 */
export function formatChineseDate(date: LocalDate): string {
  const { year, month, day } = toDateParts(date);
  return `${year}年${month}月${day}日`;
}

/** Latest report per task and unit: taskId → unitId → report. */
export function indexLatestReports(reports: readonly ReportEntry[]): Map<string, Map<string, ReportEntry>> {
  const byTask = new Map<string, Map<string, ReportEntry>>();
  for (const report of reports) {
    const byUnit = byTask.get(report.taskId) ?? new Map<string, ReportEntry>();
    const held = byUnit.get(report.unitId);
    if (!held || report.submittedAt.getTime() > held.submittedAt.getTime()) byUnit.set(report.unitId, report);
    byTask.set(report.taskId, byUnit);
  }
  return byTask;
}

/** Done when closed by a coordinator, or when its lead (every unit, if it has no lead) reports 已完成. */
export function isTaskDone(task: ReportTask, latest: ReadonlyMap<string, ReportEntry> | undefined): boolean {
  if (task.closed) return true;
  const leads = task.units.filter((unit) => unit.role === 'lead');
  const answerable = leads.length > 0 ? leads : task.units;
  return answerable.length > 0 && answerable.every((unit) => latest?.get(unit.unitId)?.status === 'done');
}

/** The lead's percentage, else the highest any unit reported. */
export function readTaskPercent(task: ReportTask, latest: ReadonlyMap<string, ReportEntry> | undefined): number | null {
  const lead = task.units.find((unit) => unit.role === 'lead');
  const leadPercent = lead ? latest?.get(lead.unitId)?.percent : null;
  if (leadPercent !== null && leadPercent !== undefined) return leadPercent;
  const percents = [...(latest?.values() ?? [])].flatMap((report) => (report.percent === null ? [] : [report.percent]));
  return percents.length > 0 ? Math.max(...percents) : null;
}

export function nameUnit(units: ReadonlyMap<string, ReportUnit>, unitId: string): string {
  return units.get(unitId)?.name ?? unitId;
}
