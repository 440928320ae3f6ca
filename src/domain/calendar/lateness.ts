import { addDays, type LocalDate } from './local-date.js';
import { toInstant } from './zoned-time.js';

/** The first instant after the due date, local time: a report at or after it is late. */
export function lateAfter(dueDate: LocalDate, timeZone: string): Date {
  return toInstant(addDays(dueDate, 1), '00:00', timeZone);
}

/** Late means after the whole due date has passed in the workspace's time zone (23:59:59 is on time). */
export function isLate(submittedAt: Date, dueDate: LocalDate, timeZone: string): boolean {
  return submittedAt.getTime() >= lateAfter(dueDate, timeZone).getTime();
}
