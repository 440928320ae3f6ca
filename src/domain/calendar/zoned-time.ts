import { formatLocalDate, type LocalDate, toDateParts } from './local-date.js';

/**
 * Instants for wall-clock times in an IANA time zone, computed with Intl only.
 * The offset is looked up twice so that a date next to a DST change still lands on the right hour.
 */

export const defaultTimeZone = 'Asia/Shanghai';

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function isClockTime(value: string): boolean {
  return timePattern.test(value);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function readWallClock(instantMs: number, timeZone: string): WallClock {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 0,
    month: values.month ?? 1,
    day: values.day ?? 1,
    hour: (values.hour ?? 0) % 24,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

/** Minutes the zone is ahead of UTC at this instant (480 for Asia/Shanghai). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  const wall = readWallClock(ms, timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((wallAsUtc - ms) / 60_000);
}

/** The instant at which the clocks of `timeZone` show `date` `time` ('HH:MM'). */
export function toInstant(date: LocalDate, time: string, timeZone: string): Date {
  const match = timePattern.exec(time);
  if (!match) throw new RangeError(`Not an HH:MM time: ${time}`);
  const { year, month, day } = toDateParts(date);
  const wallAsUtc = Date.UTC(year, month - 1, day, Number(match[1]), Number(match[2]));
  const firstGuess = wallAsUtc - offsetMinutes(new Date(wallAsUtc), timeZone) * 60_000;
  return new Date(wallAsUtc - offsetMinutes(new Date(firstGuess), timeZone) * 60_000);
}

const hourMs = 3_600_000;
const dayMs = 86_400_000;
/** Per time zone: a UTC hour's start → the zone's offset in ms through that hour. Bounded: cleared when full. */
const hourOffsets = new Map<string, Map<number, number>>();
const hourOffsetsMax = 20_000;

function wallOffsetMs(instantMs: number, timeZone: string): number {
  const wall = readWallClock(instantMs, timeZone);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - instantMs;
}

/**
 * The zone's offset through the UTC hour of an instant, or null when it changes within that hour.
 * Intl is slow (a ranking reads thousands of submission dates), and offsets change at most once in
 * an hour, so the offset read at both ends of the hour holds for all of it when they agree.
 */
function hourOffsetMs(instantMs: number, timeZone: string): number | null {
  const hour = Math.floor(instantMs / hourMs) * hourMs;
  let zone = hourOffsets.get(timeZone);
  const known = zone?.get(hour);
  if (known !== undefined) return known;
  const start = wallOffsetMs(hour, timeZone);
  if (start !== wallOffsetMs(hour + hourMs - 1000, timeZone)) return null;
  if (!zone || zone.size >= hourOffsetsMax) {
    zone = new Map();
    hourOffsets.set(timeZone, zone);
  }
  zone.set(hour, start);
  return start;
}

/** The wall clock of `timeZone` at an instant, cut to the second as Intl shows it. */
function wallClockAt(ms: number, timeZone: string): WallClock {
  // From 1970 on: Date.UTC reads the years 0–99 as 19xx, which the offset read at an hour's ends would inherit.
  const offset = ms >= 0 && ms < 8.64e15 ? hourOffsetMs(ms, timeZone) : null;
  if (offset === null) return readWallClock(ms, timeZone);
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** 'YYYY-MM-DD' by day since 1970 (of the wall clock read as UTC); bounded, cleared when full. */
const localDates = new Map<number, LocalDate>();
const localDatesMax = 10_000;

/** The calendar date the clocks of `timeZone` show at `instant`. */
export function toLocalDate(instant: Date, timeZone: string): LocalDate {
  const ms = instant.getTime();
  const offset = ms >= 0 && ms < 8.64e15 ? hourOffsetMs(ms, timeZone) : null;
  if (offset === null) {
    const wall = wallClockAt(ms, timeZone);
    return formatLocalDate(wall.year, wall.month, wall.day);
  }
  // The day wallClockAt would read, without a Date and a string for every instant (a ranking reads thousands).
  const day = Math.floor((Math.floor(ms / 1000) * 1000 + offset) / dayMs);
  let date = localDates.get(day);
  if (date === undefined) {
    if (localDates.size >= localDatesMax) localDates.clear();
    const wall = new Date(day * dayMs);
    date = formatLocalDate(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate());
    localDates.set(day, date);
  }
  return date;
}

/** '2026-03-20 10:00': the date and time the clocks of `timeZone` show at `instant`, to the minute. */
export function formatLocalDateTime(instant: Date, timeZone: string): string {
  const wall = wallClockAt(instant.getTime(), timeZone);
  return `${formatLocalDate(wall.year, wall.month, wall.day)} ${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
}
