import { toDateParts, type LocalDate } from '../calendar/local-date.js';
import type { NamedUnits, ReportTask } from './report-input.js';

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

export const otherSectionTitle = '其他工作';

/**
 * Whether a task's work is finished: closed (办结) by a coordinator, or its lead units (every unit,
 * if it has no lead) stand by a report of 已完成. `standing` gives a unit's standing report, if any.
 */
export function isTaskSettled(
  task: Pick<ReportTask, 'state'>,
  dues: readonly {
    readonly unitId: number;
    readonly role: 'lead' | 'support';
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
