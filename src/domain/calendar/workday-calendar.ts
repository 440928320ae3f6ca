import type { CalendarFile } from './calendar-file.schema.js';
import { type HolidayData, listCoveredYears, loadPackageHolidayData } from './holiday-data.js';
import { isWeekend, type LocalDate } from './local-date.js';
import { addWorkdaysTo, countWorkdays, findNextWorkday, findPreviousWorkday, findWorkdayOnOrBefore } from './workday-math.js';

/** Where a year's holidays come from: the package, a coordinator's file, or nowhere (weekends only). */
export type CalendarCoverage = 'package' | 'custom' | 'weekends-only';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'make_up_workday';

export interface WorkdayCalendar {
  isWorkday(date: LocalDate): boolean;
  dayKind(date: LocalDate): DayKind;
  coverage(year: number): CalendarCoverage;
  /** The last workday strictly before `date`. */
  previousWorkday(date: LocalDate): LocalDate;
  /** The first workday strictly after `date`. */
  nextWorkday(date: LocalDate): LocalDate;
  /** `date` when it is a workday, else the previous workday. */
  workdayOnOrBefore(date: LocalDate): LocalDate;
  /** The n-th workday after (n > 0) or before (n < 0) `date`; n = 0 gives `date`. */
  addWorkdays(date: LocalDate, n: number): LocalDate;
  /** Workdays in (start, end]; when end < start, minus the workdays in [end, start). */
  workdaysBetween(start: LocalDate, end: LocalDate): number;
}

export interface CreateWorkdayCalendarOptions {
  /** Coordinator-loaded years; a date listed here wins over the package's data. */
  readonly customFiles?: readonly CalendarFile[];
  /** Replaces chinese-days' data (tests, or a deployment that pins its own data). */
  readonly packageData?: HolidayData;
}

export function createWorkdayCalendar(options: CreateWorkdayCalendarOptions = {}): WorkdayCalendar {
  const packageData = options.packageData ?? loadPackageHolidayData();
  const packageYears = listCoveredYears(packageData);
  const customYears = new Set<number>();
  const customHolidays = new Set<string>();
  const customWorkdays = new Set<string>();
  for (const file of options.customFiles ?? []) {
    customYears.add(file.year);
    for (const date of file.holidays) {
      customHolidays.add(date);
      customWorkdays.delete(date);
    }
    for (const date of file.makeUpWorkdays) {
      customWorkdays.add(date);
      customHolidays.delete(date);
    }
  }

  const dayKind = (date: LocalDate): DayKind => {
    if (customWorkdays.has(date)) return 'make_up_workday';
    if (customHolidays.has(date)) return 'holiday';
    // A coordinator's file overrides the dates it lists and extends the package's data; it never
    // wipes it, so a file holding one local correction does not lose the national holidays.
    if (packageData.makeUpWorkdays.has(date)) return 'make_up_workday';
    if (packageData.holidays.has(date)) return 'holiday';
    return isWeekend(date) ? 'weekend' : 'workday';
  };
  const isWorkday = (date: LocalDate): boolean => {
    const kind = dayKind(date);
    return kind === 'workday' || kind === 'make_up_workday';
  };

  return {
    isWorkday,
    dayKind,
    coverage: (year) => (customYears.has(year) ? 'custom' : packageYears.has(year) ? 'package' : 'weekends-only'),
    previousWorkday: (date) => findPreviousWorkday(isWorkday, date),
    nextWorkday: (date) => findNextWorkday(isWorkday, date),
    workdayOnOrBefore: (date) => findWorkdayOnOrBefore(isWorkday, date),
    addWorkdays: (date, n) => addWorkdaysTo(isWorkday, date, n),
    workdaysBetween: (start, end) => countWorkdays(isWorkday, start, end),
  };
}
