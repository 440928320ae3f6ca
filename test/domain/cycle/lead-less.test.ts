import { describe, expect, it } from 'vitest';
import { hasLead, isTaskDueIn, listDueReports, type CyclePeriod, type CycleTask } from '../../../src/domain/cycle/index.js';

const q1: CyclePeriod = { id: 1, key: '2026-Q1', label: 'Q1', startsOn: '2026-01-01', endsOn: '2026-03-31', dueDate: '2026-03-25', closed: false };

const task = (listings: CycleTask['listings'], led?: boolean): CycleTask => ({
  id: 1,
  seq: 1,
  label: '（一）',
  title: '任务',
  sectionId: null,
  state: 'open',
  closedOn: null,
  inForceFrom: null,
  dueDate: null,
  extendedDueDate: null,
  listings,
  ...(led === undefined ? {} : { led }),
});

describe('a task without a lead unit (未指定牵头单位)', () => {
  it('asks nobody for a report, its supporting units included', () => {
    const leadless = task([{ unitId: 20, role: 'support', direct: true, position: 1 }]);
    expect(hasLead(leadless)).toBe(false);
    expect(isTaskDueIn(leadless, q1, [q1])).toBe(false);
    expect(listDueReports({ tasks: [leadless], period: q1, periods: [q1], reports: [] })).toEqual([]);
  });

  it('asks its units once it has a lead', () => {
    const led = task([
      { unitId: 10, role: 'lead', direct: true, position: 0 },
      { unitId: 20, role: 'support', direct: true, position: 1 },
    ]);
    expect(listDueReports({ tasks: [led], period: q1, periods: [q1], reports: [] }).map((d) => [d.unitId, d.role])).toEqual([
      [10, 'lead'],
      [20, 'support'],
    ]);
  });

  it('trusts what storage says about the lead when only a supporting unit’s listings were loaded', () => {
    const supportOnly = [{ unitId: 20, role: 'support' as const, direct: true, position: 1 }];
    expect(isTaskDueIn(task(supportOnly, true), q1, [q1])).toBe(true);
    expect(isTaskDueIn(task(supportOnly, false), q1, [q1])).toBe(false);
  });
});
