import { addDays, type LocalDate } from './local-date.js';

export type IsWorkday = (date: LocalDate) => boolean;

// No real calendar has a month without a workday; a bad calendar file must not hang the process.
const searchLimitDays = 400;

function stepToWorkday(isWorkday: IsWorkday, from: LocalDate, step: 1 | -1): LocalDate {
  let date = from;
  for (let i = 0; i < searchLimitDays; i += 1) {
    date = addDays(date, step);
    if (isWorkday(date)) return date;
  }
  throw new RangeError(`No workday within ${searchLimitDays} days of ${from}: check the calendar data.`);
}

/** The last workday strictly before `date`. */
export function findPreviousWorkday(isWorkday: IsWorkday, date: LocalDate): LocalDate {
  return stepToWorkday(isWorkday, date, -1);
}

/** The first workday strictly after `date`. */
export function findNextWorkday(isWorkday: IsWorkday, date: LocalDate): LocalDate {
  return stepToWorkday(isWorkday, date, 1);
}

/** `date` itself when it is a workday, otherwise the workday before it. */
export function findWorkdayOnOrBefore(isWorkday: IsWorkday, date: LocalDate): LocalDate {
  return isWorkday(date) ? date : findPreviousWorkday(isWorkday, date);
}

/**
 * The n-th workday after `date` (n > 0) or before it (n < 0); `date` itself is never counted.
 * n = 0 returns `date` unchanged, workday or not.
 */
export function addWorkdaysTo(isWorkday: IsWorkday, date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`Workday count must be an integer: ${n}`);
  const step = n > 0 ? 1 : -1;
  let result = date;
  for (let left = Math.abs(n); left > 0; left -= 1) result = stepToWorkday(isWorkday, result, step);
  return result;
}

/**
 * Workdays passed going from `start` to `end`, counting the day arrived on and not the day left:
 * (start, end] going forward, negative over [end, start) going back.
 * So countWorkdays(a, addWorkdaysTo(a, n)) === n for every n.
 */
export function countWorkdays(isWorkday: IsWorkday, start: LocalDate, end: LocalDate): number {
  let count = 0;
  if (end >= start) {
    for (let date = addDays(start, 1); date <= end; date = addDays(date, 1)) if (isWorkday(date)) count += 1;
    return count;
  }
  for (let date = end; date < start; date = addDays(date, 1)) if (isWorkday(date)) count -= 1;
  return count;
}
