import { toDateParts, type LocalDate } from '../calendar/local-date.js';
import type { TaskRole } from '../cycle/index.js';
import type { NamedUnits, ReportTask } from './report-input.js';

const nameCollator = new Intl.Collator('zh-CN');

export function compareNames(a: string, b: string): number {
  return nameCollator.compare(a, b);
}

/** 2026-06-30 → 2026年6月30日 */
export function formatChineseDate(date: LocalDate): string {
  const { year, month, day } = toDateParts(date);
  return `${year}年${month}月${day}日`;
}

export const otherSectionTitle = '其他工作';

/**
 * Whether a task's work is finished: closed (办结) by a coordinator, or its lead units (every unit,
 * if it has no lead) stand by a report of 已完成. `standing` gives a unit's standing report, if any.
 */
export function isTaskSettled(
  task: Pick<ReportTask, 'state'>,
  dues: readonly {
    readonly unitId: number;
    readonly role: TaskRole;
    readonly standing: string;
    readonly report: { readonly status: string } | null;
  }[],
): boolean {
  if (task.state === 'closed') return true;
  const leads = dues.filter((due) => due.role === 'lead');
  const answerable = leads.length > 0 ? leads : dues;
  return answerable.length > 0 && answerable.every((due) => due.standing === 'reported' && due.report?.status === 'done');
}

export function nameUnit(units: NamedUnits, unitId: number): string {
  return units.get(unitId)?.name ?? `单位${unitId}`;
}
