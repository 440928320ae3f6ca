import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentPeriod, periodsToAssess, pickCycleYear, type CyclePeriod } from '../../../src/domain/cycle/index.js';

const quarters: CyclePeriod[] = [
  ['2026-01-01', '2026-03-31', '2026-03-25'],
  ['2026-04-01', '2026-06-30', '2026-06-25'],
  ['2026-07-01', '2026-09-30', '2026-09-25'],
  ['2026-10-01', '2026-12-31', '2026-12-25'],
].map(([startsOn = '', endsOn = '', dueDate = ''], index) => ({
  id: index + 1,
  key: `2026-Q${index + 1}`,
  label: `Q${index + 1}`,
  startsOn,
  endsOn,
  dueDate,
  closed: false,
}));

describe('pickCycleYear', () => {
  it('stays in this year when next year’s notice is imported early', () => {
    expect(pickCycleYear([2026, 2027], '2026-12-04')).toBe(2026);
  });
  it('keeps last year’s cycle until this year’s notice arrives, and takes a past notice as it is', () => {
    expect(pickCycleYear([2025], '2026-01-10')).toBe(2025);
    expect(pickCycleYear([2017], '2026-12-04')).toBe(2017);
    expect(pickCycleYear([2028], '2026-12-04')).toBe(2028);
    expect(pickCycleYear([], '2026-12-04')).toBeNull();
  });
});

describe('currentPeriod', () => {
  it('is the period holding today, the first before the year and the last after it', () => {
    expect(currentPeriod(quarters, '2026-05-02')?.key).toBe('2026-Q2');
    expect(currentPeriod(quarters, '2025-11-02')?.key).toBe('2026-Q1');
    expect(currentPeriod(quarters, '2027-02-02')?.key).toBe('2026-Q4');
  });

  it('holds today whenever some period does', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2026-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }), (date) => {
        const today = date.toISOString().slice(0, 10);
        const period = currentPeriod(quarters, today);
        expect(period && period.startsOn <= today && today <= period.endsOn).toBe(true);
      }),
    );
  });
});

describe('periodsToAssess', () => {
  it('counts the quarters that fell due, or the current one before any has', () => {
    expect(periodsToAssess(quarters, '2026-07-01').map((p) => p.key)).toEqual(['2026-Q1', '2026-Q2']);
    expect(periodsToAssess(quarters, '2026-02-01').map((p) => p.key)).toEqual(['2026-Q1']);
    expect(periodsToAssess(quarters, '2027-01-05')).toHaveLength(4);
  });
});
