import type { CalendarCoverage, WorkdayCalendar } from './workday-calendar.js';

/**
 * What to tell the coordinator about a year's holiday data; null when there is nothing to say.
 * `loadHow` names the way to load a calendar file (the command, as the caller's users see it).
 */
export function describeCoverage(year: number, coverage: CalendarCoverage, loadHow = '导入节假日安排文件'): string | null {
  switch (coverage) {
    case 'package':
      return null;
    case 'custom':
      return `${year}年的节假日按导入的日历安排推算。`;
    case 'weekends-only':
      return `${year}年的节假日数据尚未收录，提醒日期仅按周末推算；可用 ${loadHow} 导入节假日安排。`;
  }
}

/** Notices for every year a span of dates touches (a Q4 period's reminders can spill into January). */
export function listCoverageNotices(calendar: WorkdayCalendar, years: Iterable<number>, loadHow?: string): string[] {
  const notices: string[] = [];
  for (const year of [...new Set(years)].sort((a, b) => a - b)) {
    const notice = describeCoverage(year, calendar.coverage(year), loadHow);
    if (notice) notices.push(notice);
  }
  return notices;
}
