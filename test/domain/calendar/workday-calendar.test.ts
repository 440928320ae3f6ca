import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, createWorkdayCalendar, describeCoverage, listCoverageNotices, parseCalendarText } from '../../../src/domain/calendar/index.js';

const calendar = createWorkdayCalendar();

describe('createWorkdayCalendar', () => {
  it('treats National Day 2026 as holidays and the 调休 Saturday after it as a workday', () => {
    expect(calendar.isWorkday('2026-10-01')).toBe(false);
    expect(calendar.dayKind('2026-10-07')).toBe('holiday');
    expect(calendar.isWorkday('2026-10-10')).toBe(true);
    expect(calendar.dayKind('2026-10-10')).toBe('make_up_workday');
    expect(calendar.dayKind('2026-09-20')).toBe('make_up_workday');
  });

  it('treats ordinary weekends as days off and ordinary weekdays as workdays', () => {
    expect(calendar.dayKind('2026-11-07')).toBe('weekend');
    expect(calendar.dayKind('2026-11-09')).toBe('workday');
  });

  it('says 2026 comes from the package and 2027 has no data', () => {
    expect(calendar.coverage(2026)).toBe('package');
    expect(calendar.coverage(2027)).toBe('weekends-only');
  });

  it('falls back to weekends only for 2027, so 2027-10-01 counts as an ordinary Friday', () => {
    expect(calendar.isWorkday('2027-10-01')).toBe(true);
    expect(calendar.isWorkday('2027-10-02')).toBe(false);
  });

  it('tells the coordinator in Chinese when a year has no holiday data', () => {
    expect(describeCoverage(2027, calendar.coverage(2027), '/提醒 节假日')).toBe(
      '2027年的节假日数据尚未收录，提醒日期仅按周末推算；可用 /提醒 节假日 导入节假日安排。',
    );
    expect(describeCoverage(2026, calendar.coverage(2026))).toBeNull();
    expect(listCoverageNotices(calendar, [2026, 2027, 2027])).toHaveLength(1);
  });

  it('uses a coordinator calendar file for a year the package lacks', () => {
    const parsed = parseCalendarText(['# 2027 国庆', '2027-10-01~2027-10-07,放假', '2027-09-26,补班', '2027-10-09,workday'].join('\n'));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const custom = createWorkdayCalendar({ customFiles: [parsed.file] });
    expect(custom.coverage(2027)).toBe('custom');
    expect(custom.isWorkday('2027-10-01')).toBe(false);
    expect(custom.isWorkday('2027-10-09')).toBe(true);
    expect(custom.isWorkday('2027-09-26')).toBe(true);
    expect(describeCoverage(2027, custom.coverage(2027))).toContain('导入的日历安排');
  });

  it('lets a coordinator file correct one date of a covered year without losing the rest', () => {
    const custom = createWorkdayCalendar({
      customFiles: [{ year: 2026, holidays: ['2026-11-02'], makeUpWorkdays: [] }],
    });
    expect(custom.isWorkday('2026-11-02')).toBe(false);
    expect(custom.isWorkday('2026-10-01')).toBe(false);
    expect(custom.isWorkday('2026-10-10')).toBe(true);
  });
});

describe('workday arithmetic', () => {
  it('finds the workday before National Day 2026 across the holiday', () => {
    expect(calendar.previousWorkday('2026-10-08')).toBe('2026-09-30');
    expect(calendar.workdayOnOrBefore('2026-10-05')).toBe('2026-09-30');
    expect(calendar.workdayOnOrBefore('2026-10-08')).toBe('2026-10-08');
    expect(calendar.nextWorkday('2026-09-30')).toBe('2026-10-08');
  });

  it('counts the 调休 Saturday when adding workdays after National Day', () => {
    expect(calendar.addWorkdays('2026-10-08', 2)).toBe('2026-10-10');
    expect(calendar.addWorkdays('2026-10-08', 3)).toBe('2026-10-12');
    expect(calendar.addWorkdays('2026-10-12', -3)).toBe('2026-10-08');
    expect(calendar.addWorkdays('2026-10-03', 0)).toBe('2026-10-03');
  });

  it('counts workdays between two dates, end included and start excluded', () => {
    expect(calendar.workdaysBetween('2026-09-30', '2026-10-12')).toBe(4);
    expect(calendar.workdaysBetween('2026-10-12', '2026-09-30')).toBe(-4);
    expect(calendar.workdaysBetween('2026-10-08', '2026-09-30')).toBe(-1);
    expect(calendar.workdaysBetween('2026-10-01', '2026-10-01')).toBe(0);
  });

  it('undoes addWorkdays with workdaysBetween for any date and count', () => {
    const dates = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2025-01-01', n));
    fc.assert(
      fc.property(dates, fc.integer({ min: -30, max: 30 }), (date, n) => {
        const moved = calendar.addWorkdays(date, n);
        expect(calendar.workdaysBetween(date, moved)).toBe(n);
        if (n !== 0) expect(calendar.isWorkday(moved)).toBe(true);
      }),
    );
  });

  it('stops with an error instead of looping when a calendar has no workdays at all', () => {
    const dates = Array.from({ length: 800 }, (_, i) => addDays('2030-01-01', i));
    const broken = createWorkdayCalendar({ customFiles: [{ year: 2030, holidays: dates, makeUpWorkdays: [] }] });
    expect(() => broken.previousWorkday('2031-06-01')).toThrow(/No workday/);
  });
});
