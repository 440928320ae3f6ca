import type { LocalDate } from '../calendar/local-date.js';
import type { CyclePeriod, CycleTask } from './types.js';

type Dated = Pick<CycleTask, 'dueDate' | 'extendedDueDate'>;
type PeriodDates = Pick<CyclePeriod, 'id' | 'dueDate'>;

/** 完成时限 in force: an extension (延期) replaces the task's own deadline. */
export function taskDeadline(task: Dated): LocalDate | null {
  return task.extendedDueDate ?? task.dueDate;
}

/**
 * The one period whose report an extension moves: the last period falling due before the new date
 * (an extension to 2026-04-30 granted in April moves the first quarter's report, not every quarter's).
 */
export function extendedPeriodOf<P extends PeriodDates>(task: Dated, periods: readonly P[]): P | undefined {
  const extended = task.extendedDueDate;
  if (extended === null) return undefined;
  let found: P | undefined;
  for (const period of periods) if (period.dueDate < extended && (!found || period.dueDate > found.dueDate)) found = period;
  return found;
}

/** When a unit's report on the task in the period is due: the period's due date, or the extension's in the period it moves. */
export function reportDueDate(task: Dated, period: PeriodDates, periods: readonly PeriodDates[]): LocalDate {
  const moved = extendedPeriodOf(task, periods);
  return moved?.id === period.id && task.extendedDueDate !== null ? task.extendedDueDate : period.dueDate;
}
