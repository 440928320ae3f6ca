import { commandRef } from '../../command-names.js';
import { createWorkdayCalendar, listCoverageNotices, type WorkdayCalendar } from '../../domain/calendar/index.js';
import type { Repositories } from '../../ports.js';

/** The workspace's workday calendar: the holiday package plus every calendar file the coordinator loaded. */
export async function loadWorkdayCalendar(store: Repositories, workspaceId: number): Promise<WorkdayCalendar> {
  return createWorkdayCalendar({ customFiles: await store.calendars.listFiles(workspaceId) });
}

/** What to tell the coordinator about the years a plan touches (e.g. "2027年的节假日数据尚未收录…"). */
export function describeCalendarYears(calendar: WorkdayCalendar, years: Iterable<number>): string[] {
  // The domain's wording names the command generically; here it is a subcommand of /reminders.
  return listCoverageNotices(calendar, years, commandRef('reminders calendar'));
}
