import { describe, expect, it } from 'vitest';
import { buildReportingPeriods, findPeriodContaining } from '../../../src/domain/calendar/index.js';

describe('buildReportingPeriods', () => {
  it('builds four quarters due on the 25th of each quarter’s last month by default', () => {
    const periods = buildReportingPeriods({ year: 2026, cadence: 'quarterly' });
    expect(periods).toEqual([
      { key: '2026-Q1', label: '2026年第一季度', start: '2026-01-01', end: '2026-03-31', dueDate: '2026-03-25' },
      { key: '2026-Q2', label: '2026年第二季度', start: '2026-04-01', end: '2026-06-30', dueDate: '2026-06-25' },
      { key: '2026-Q3', label: '2026年第三季度', start: '2026-07-01', end: '2026-09-30', dueDate: '2026-09-25' },
      { key: '2026-Q4', label: '2026年第四季度', start: '2026-10-01', end: '2026-12-31', dueDate: '2026-12-25' },
    ]);
  });

  it('keeps an official due date on a holiday as it is', () => {
    const q3 = buildReportingPeriods({ year: 2026, cadence: 'quarterly' })[2];
    expect(q3?.dueDate).toBe('2026-09-25');
  });

  it('builds twelve months with a configured due day, kept inside short months', () => {
    const periods = buildReportingPeriods({ year: 2026, cadence: 'monthly', dueDay: 31 });
    expect(periods).toHaveLength(12);
    expect(periods[1]).toEqual({ key: '2026-M02', label: '2026年2月', start: '2026-02-01', end: '2026-02-28', dueDate: '2026-02-28' });
    expect(periods[2]?.dueDate).toBe('2026-03-31');
    expect(periods[3]?.dueDate).toBe('2026-04-30');
  });

  it('builds custom periods in date order with generated keys', () => {
    const periods = buildReportingPeriods({
      year: 2026,
      cadence: 'custom',
      custom: [
        { label: '下半年', start: '2026-07-01', end: '2026-12-31', dueDate: '2026-12-20' },
        { label: '上半年', start: '2026-01-01', end: '2026-06-30', dueDate: '2026-06-20', key: '2026-H1' },
      ],
    });
    expect(periods.map((p) => p.key)).toEqual(['2026-H1', '2026-C01']);
    expect(periods[1]?.label).toBe('下半年');
  });

  it('rejects custom periods that end before they start, or share a key', () => {
    expect(() =>
      buildReportingPeriods({ year: 2026, cadence: 'custom', custom: [{ label: 'x', start: '2026-05-01', end: '2026-04-01', dueDate: '2026-04-01' }] }),
    ).toThrow();
    expect(() =>
      buildReportingPeriods({
        year: 2026,
        cadence: 'custom',
        custom: [
          { key: 'A', label: 'x', start: '2026-01-01', end: '2026-02-01', dueDate: '2026-02-01' },
          { key: 'A', label: 'y', start: '2026-03-01', end: '2026-04-01', dueDate: '2026-04-01' },
        ],
      }),
    ).toThrow();
    expect(() => buildReportingPeriods({ year: 2026, cadence: 'custom' })).toThrow();
  });

  it('finds the period that holds a date', () => {
    const periods = buildReportingPeriods({ year: 2026, cadence: 'quarterly' });
    expect(findPeriodContaining(periods, '2026-05-20')?.key).toBe('2026-Q2');
    expect(findPeriodContaining(periods, '2027-01-01')).toBeUndefined();
  });
});
