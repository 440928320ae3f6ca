import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isOverdue,
  isTaskDueIn,
  listDueReports,
  owedByUnit,
  reportDueDate,
  taskDeadline,
  type CyclePeriod,
  type CycleTask,
  type ReportState,
} from '../../../src/domain/cycle/index.js';

const periods: CyclePeriod[] = [1, 2, 3, 4].map((q) => ({
  id: q,
  key: `2026-Q${q}`,
  label: `Q${q}`,
  startsOn: `2026-${String(q * 3 - 2).padStart(2, '0')}-01`,
  endsOn: `2026-${String(q * 3).padStart(2, '0')}-${q === 1 || q === 4 ? '31' : '30'}`,
  dueDate: `2026-${String(q * 3).padStart(2, '0')}-25`,
  closed: false,
}));
const [q1, q2, q3, q4] = periods as [CyclePeriod, CyclePeriod, CyclePeriod, CyclePeriod];

function task(overrides: Partial<CycleTask> = {}): CycleTask {
  return {
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
    listings: [
      { unitId: 10, role: 'lead', direct: true, position: 0 },
      { unitId: 20, role: 'support', direct: true, position: 1 },
    ],
    ...overrides,
  };
}

function report(overrides: Partial<ReportState> = {}): ReportState {
  return {
    taskId: 1,
    unitId: 10,
    periodId: 1,
    status: 'in_progress',
    percent: null,
    late: false,
    perfunctory: false,
    rating: null,
    submittedAt: new Date('2026-03-20T00:00:00Z'),
    sentBack: false,
    sentBackReason: null,
    text: null,
    ...overrides,
  };
}

describe('reportDueDate', () => {
  it('moves only the report of the last period falling due before the extension', () => {
    const extended = task({ extendedDueDate: '2027-01-15' });
    expect(periods.map((p) => reportDueDate(extended, p, periods))).toEqual(['2026-03-25', '2026-06-25', '2026-09-25', '2027-01-15']);
    const april = task({ extendedDueDate: '2026-04-30' });
    expect(periods.map((p) => reportDueDate(april, p, periods))).toEqual(['2026-04-30', '2026-06-25', '2026-09-25', '2026-12-25']);
  });

  it('changes at most one period, and only ever to a later date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2025-06-01'), max: new Date('2027-06-01'), noInvalidDate: true }), (date) => {
        const extendedDueDate = date.toISOString().slice(0, 10);
        const moved = periods.filter((p) => reportDueDate(task({ extendedDueDate }), p, periods) !== p.dueDate);
        expect(moved.length).toBeLessThanOrEqual(1);
        for (const p of moved) expect(reportDueDate(task({ extendedDueDate }), p, periods) > p.dueDate).toBe(true);
      }),
    );
  });

  it('takes the extension as the task’s deadline', () => {
    expect(taskDeadline(task({ dueDate: '2026-06-30' }))).toBe('2026-06-30');
    expect(taskDeadline(task({ dueDate: '2026-06-30', extendedDueDate: '2026-08-31' }))).toBe('2026-08-31');
  });
});

describe('isTaskDueIn', () => {
  it('asks every period of the year of a task imported with the notice, however late it was imported', () => {
    expect(periods.every((p) => isTaskDueIn(task(), p, periods))).toBe(true);
  });

  it('asks nothing of the periods that fell due before a task came into force', () => {
    const added = task({ inForceFrom: '2026-07-01' });
    expect(periods.map((p) => isTaskDueIn(added, p, periods))).toEqual([false, false, true, true]);
  });

  it('asks nothing once a task was closed by the day a report falls due', () => {
    const closed = task({ state: 'closed', closedOn: '2026-06-25' });
    expect(periods.map((p) => isTaskDueIn(closed, p, periods))).toEqual([true, false, false, false]);
  });
});

describe('listDueReports', () => {
  it('lists a unit that never reported as owing, and one sent back as owing again', () => {
    const due = listDueReports({ tasks: [task()], period: q1, periods, reports: [report({ unitId: 20, sentBack: true, sentBackReason: '请补充' })] });
    expect(due.map((d) => [d.unitId, d.role, d.standing])).toEqual([
      [10, 'lead', 'missing'],
      [20, 'support', 'sent_back'],
    ]);
    expect(due.every((d) => isOverdue(d, '2026-03-26'))).toBe(true);
    expect(due.some((d) => isOverdue(d, '2026-03-25'))).toBe(false);
  });

  it('counts a report made on a task that no longer asked for one, and no silence on it', () => {
    const closed = task({ state: 'closed', closedOn: '2026-05-01' });
    const due = listDueReports({ tasks: [closed], period: q2, periods, reports: [report({ periodId: 2 })] });
    expect(due.map((d) => [d.unitId, d.standing, d.voluntary])).toEqual([[10, 'reported', true]]);
  });

  it('never drops a unit from what it owes for having sent nothing', () => {
    const reportArb = fc.record({ unitId: fc.constantFrom(10, 20), periodId: fc.constantFrom(1, 2, 3, 4), sentBack: fc.boolean() });
    fc.assert(
      fc.property(fc.array(reportArb, { maxLength: 8 }), fc.constantFrom(q1, q2, q3, q4), (made, period) => {
        const reports = made.map((r) => report(r));
        const due = listDueReports({ tasks: [task()], period, periods, reports });
        expect(due.map((d) => d.unitId).sort()).toEqual([10, 20]);
        const owed = owedByUnit(due);
        for (const unitId of [10, 20]) {
          const standing = reports.filter((r) => r.unitId === unitId && r.periodId === period.id).at(-1);
          expect(owed.has(unitId)).toBe(!standing || standing.sentBack);
        }
      }),
    );
  });

  it('lists what a unit owes once per task, lead tasks first, and nothing for a unit that reported all', () => {
    const lead = task({ id: 2, seq: 2, listings: [{ unitId: 10, role: 'lead', direct: true, position: 0 }] });
    const twice = task({
      id: 1,
      seq: 1,
      listings: [
        { unitId: 10, role: 'support', direct: true, position: 1 },
        { unitId: 10, role: 'support', direct: false, position: 0 },
        { unitId: 20, role: 'lead', direct: true, position: 0 },
      ],
    });
    const owed = owedByUnit(listDueReports({ tasks: [twice, lead], period: q1, periods, reports: [report({ taskId: 1, unitId: 20 })] }));
    expect([...owed.keys()]).toEqual([10]);
    expect(owed.get(10)?.map((d) => [d.task.id, d.role])).toEqual([
      [2, 'lead'],
      [1, 'support'],
    ]);
  });
});
