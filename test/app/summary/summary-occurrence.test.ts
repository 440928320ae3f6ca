import { describe, expect, it } from 'vitest';
import { digestDayOfWeek, isDigestDue, rankingPostDay } from '../../../src/app/summary/summary-occurrence.js';
import { createWorkdayCalendar } from '../../../src/domain/calendar/index.js';

const calendar = createWorkdayCalendar();

describe('digestDayOfWeek', () => {
  it('takes the configured weekday of the current week', () => {
    expect(digestDayOfWeek('2026-03-02', 5, calendar)).toBe('2026-03-06');
    expect(digestDayOfWeek('2026-03-08', 5, calendar)).toBe('2026-03-06');
  });

  it('moves a holiday to the workday before it', () => {
    // 1–7 October 2026 is the National Day holiday.
    expect(digestDayOfWeek('2026-09-28', 5, calendar)).toBe('2026-09-30');
  });
});

describe('isDigestDue', () => {
  it('waits for the time on the day, then stays due for the rest of the week', () => {
    expect(isDigestDue('2026-03-06', '15:59', 5, '16:00', calendar)).toBeNull();
    expect(isDigestDue('2026-03-06', '16:00', 5, '16:00', calendar)).toBe('2026-03-06');
    expect(isDigestDue('2026-03-07', '08:00', 5, '16:00', calendar)).toBe('2026-03-06');
    expect(isDigestDue('2026-03-05', '17:00', 5, '16:00', calendar)).toBeNull();
  });
});

describe('rankingPostDay', () => {
  it('counts the grace period in workdays after the due date', () => {
    expect(rankingPostDay('2026-03-25', 2, calendar)).toBe('2026-03-27');
    expect(rankingPostDay('2026-03-25', 3, calendar)).toBe('2026-03-30');
    expect(rankingPostDay('2026-09-25', 5, calendar)).toBe('2026-10-09');
  });
});
