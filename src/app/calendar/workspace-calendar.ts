import type { DbOrTx } from '../../db/database.js';
import { createWorkdayCalendar, listCoverageNotices, type CalendarFile, type WorkdayCalendar } from '../../domain/calendar/index.js';

/** The workspace's workday calendar: the holiday package plus every calendar file the coordinator loaded. */
export async function loadWorkdayCalendar(db: DbOrTx, workspaceId: number): Promise<WorkdayCalendar> {
  return createWorkdayCalendar({ customFiles: await loadCalendarFiles(db, workspaceId) });
}

export async function loadCalendarFiles(db: DbOrTx, workspaceId: number): Promise<CalendarFile[]> {
  const rows = await db.selectFrom('holiday_calendars').select(['year', 'holidays', 'make_up_workdays']).where('workspace_id', '=', workspaceId).orderBy('year').execute();
  return rows.map((r) => ({ year: r.year, holidays: r.holidays, makeUpWorkdays: r.make_up_workdays }));
}

/** What to tell the coordinator about the years a plan touches (e.g. "2027年的节假日数据尚未收录…"). */
export function describeCalendarYears(calendar: WorkdayCalendar, years: Iterable<number>): string[] {
  // The domain's wording names the command generically; here it is a subcommand of /reminders.
  return listCoverageNotices(calendar, years).map((notice) => notice.replace('/calendar', '/reminders calendar'));
}
