import { describe, expect, it } from 'vitest';
import { isLate, lateAfter, toInstant, toLocalDate } from '../../../src/domain/calendar/index.js';

describe('isLate', () => {
  it('counts a report at 23:59 Shanghai time on the due date as on time', () => {
    expect(isLate(new Date('2026-03-25T15:59:59Z'), '2026-03-25', 'Asia/Shanghai')).toBe(false);
  });

  it('counts a report from midnight after the due date as late', () => {
    expect(isLate(new Date('2026-03-25T16:00:00Z'), '2026-03-25', 'Asia/Shanghai')).toBe(true);
    expect(lateAfter('2026-03-25', 'Asia/Shanghai').toISOString()).toBe('2026-03-25T16:00:00.000Z');
  });

  it('uses the workspace time zone, not UTC', () => {
    // 2026-03-26 02:00 UTC is still the 25th in New York (daylight time, UTC-4).
    expect(isLate(new Date('2026-03-26T02:00:00Z'), '2026-03-25', 'America/New_York')).toBe(false);
  });
});

describe('zoned time', () => {
  it('finds 09:00 on both sides of a daylight-saving change', () => {
    expect(toInstant('2026-03-07', '09:00', 'America/New_York').toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(toInstant('2026-03-09', '09:00', 'America/New_York').toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('reads the local date of an instant', () => {
    expect(toLocalDate(new Date('2026-09-30T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-10-01');
    expect(toLocalDate(new Date('2026-09-30T16:30:00Z'), 'UTC')).toBe('2026-09-30');
  });
});
