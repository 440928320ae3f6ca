import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, toLocalDate } from '../../../src/domain/calendar/index.js';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The date as Intl shows it, read directly: what toLocalDate must always answer. */
function intlDate(instant: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The date and time to the minute as Intl shows them. */
function intlDateTime(instant: Date, timeZone: string): string {
  intlDate(instant, timeZone);
  const parts = formats.get(timeZone)?.formatToParts(instant) ?? [];
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

// Zones with DST changes at midnight, half-hour and quarter-hour offsets, and a half-hour DST shift.
const zones = [
  'Asia/Shanghai',
  'America/New_York',
  'Europe/London',
  'America/Havana',
  'America/St_Johns',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Apia',
];

describe('toLocalDate', () => {
  it('answers the date and time Intl shows, around DST changes and odd offsets too', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2040, 0, 1) }), (timeZone, ms) => {
        expect(toLocalDate(new Date(ms), timeZone)).toBe(intlDate(new Date(ms), timeZone));
        expect(formatLocalDateTime(new Date(ms), timeZone)).toBe(intlDateTime(new Date(ms), timeZone));
      }),
      { numRuns: 3000 },
    );
  });

  it('answers the date Intl shows through a year of DST changes, every 37 minutes and 13 seconds', () => {
    for (const timeZone of ['America/Havana', 'Australia/Lord_Howe', 'Europe/London']) {
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 37 * 60_000 + 13_000) {
        const instant = new Date(ms);
        // Compared first, so that 40,000 passing instants cost no expect() each.
        if (toLocalDate(instant, timeZone) !== intlDate(instant, timeZone)) expect(toLocalDate(instant, timeZone)).toBe(intlDate(instant, timeZone));
      }
    }
  });
});
