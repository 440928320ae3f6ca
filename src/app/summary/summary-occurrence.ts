import { addDays, dayOfWeek, type LocalDate, type WorkdayCalendar } from '../../domain/calendar/index.js';

/**
 * This week's digest day: the configured ISO weekday (1 = Monday) of the week holding `today`; when
 * that day is a holiday (or a weekend), the workday before it, so leaders still get it that week.
 */
export function digestDayOfWeek(today: LocalDate, weekday: number, calendar: WorkdayCalendar): LocalDate {
  const isoToday = dayOfWeek(today) === 0 ? 7 : dayOfWeek(today);
  const planned = addDays(today, weekday - isoToday);
  return calendar.workdayOnOrBefore(planned);
}

/** Due now: the occurrence day has come (today or, after downtime, earlier this week) and its time has passed. */
export function isDigestDue(today: LocalDate, clock: string, weekday: number, time: string, calendar: WorkdayCalendar): LocalDate | null {
  const day = digestDayOfWeek(today, weekday, calendar);
  if (day > today) return null;
  if (day === today && clock < time) return null;
  // Catch up within the week only: a digest missed by more than that is stale.
  return day >= addDays(today, -6) ? day : null;
}

/** The day a quarter's ranking is posted: the due date plus the grace period in workdays. */
export function rankingPostDay(dueDate: LocalDate, graceWorkdays: number, calendar: WorkdayCalendar): LocalDate {
  return calendar.workdayOnOrBefore(calendar.addWorkdays(dueDate, graceWorkdays));
}
