import { describe, expect, it } from 'vitest';
import { formatIsoInstant } from '../../../src/domain/calendar/index.js';

describe('formatIsoInstant', () => {
  it('writes an instant as toISOString does', () => {
    expect(formatIsoInstant(new Date('2026-06-20T02:30:05.007Z'))).toBe('2026-06-20T02:30:05.007Z');
    expect(formatIsoInstant(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(formatIsoInstant(new Date('9999-12-31T23:59:59.999Z'))).toBe('9999-12-31T23:59:59.999Z');
  });

  it('agrees with toISOString across leap days, years and every part of a day', () => {
    const start = Date.UTC(1999, 11, 31);
    for (let ms = start; ms < start + 3 * 366 * 86_400_000; ms += 3_599_999 * 7 + 13) {
      const instant = new Date(ms);
      expect(formatIsoInstant(instant)).toBe(instant.toISOString());
    }
  });

  it('leaves instants before 1970 and after 9999 to toISOString, and refuses an invalid Date as it does', () => {
    for (const instant of [new Date(-1), new Date('1900-02-28T23:59:59.999Z'), new Date('+010000-01-01T00:00:00.000Z')]) {
      expect(formatIsoInstant(instant)).toBe(instant.toISOString());
    }
    expect(() => formatIsoInstant(new Date(Number.NaN))).toThrow(RangeError);
  });
});
