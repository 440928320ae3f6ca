// The package's JSON file is its documented data product. We read it instead of calling isWorkday():
// the package parses 'YYYY-MM-DD' as UTC midnight and formats with the host's local time, so on a host
// west of UTC it answers for the previous day (checked with TZ=America/New_York).
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/** Holidays and make-up workdays of one source, keyed by date. Values are the festival names. */
export interface HolidayData {
  readonly holidays: ReadonlyMap<string, string>;
  readonly makeUpWorkdays: ReadonlyMap<string, string>;
}

/** "National Day,国庆节,3" → "国庆节" */
function readFestivalName(raw: string): string {
  return raw.split(',')[1] ?? raw;
}

function toMap(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(entries).map(([date, raw]) => [date, readFestivalName(raw)]));
}

let packageData: HolidayData | undefined;

export function loadPackageHolidayData(): HolidayData {
  packageData ??= {
    holidays: toMap(chineseDays.holidays as Record<string, string>),
    makeUpWorkdays: toMap(chineseDays.workdays as Record<string, string>),
  };
  return packageData;
}

/**
 * Years the data really covers. Every year has New Year's Day at least, so a year without a single
 * holiday entry is a year the package has not been updated for, not a year without holidays.
 */
export function listCoveredYears(data: HolidayData): Set<number> {
  const years = new Set<number>();
  for (const date of data.holidays.keys()) years.add(Number(date.slice(0, 4)));
  return years;
}
