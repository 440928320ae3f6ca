import { describe, expect, it } from 'vitest';
import { groupByTask, TaskReportLookup } from '../../../src/domain/cycle/task-report-lookup.js';

interface Report {
  readonly taskId: number;
  readonly unitId: number;
  readonly at: number;
}

const reportsOf = (taskId: number, unitIds: readonly number[], at = 1): Report[] => unitIds.map((unitId) => ({ taskId, unitId, at }));
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const later = (candidate: Report, held: Report) => candidate.at > held.at;

describe('TaskReportLookup', () => {
  it.each([
    ['a few reports, searched in place', 3],
    ['many reports, spread over the table', 400],
  ])('finds each unit’s report of the task in use and nothing for a unit without one (%s)', (_, count) => {
    const lookup = new TaskReportLookup<Report>(later);
    const reports = reportsOf(7, range(100, count));
    lookup.use(reports);
    for (const report of reports) expect(lookup.find(report.unitId)).toBe(report);
    expect(lookup.find(99)).toBeUndefined();
    expect(lookup.find(100 + count)).toBeUndefined();
  });

  it('forgets the previous task’s reports when the next is put in use, large or small', () => {
    const lookup = new TaskReportLookup<Report>(later);
    lookup.use(reportsOf(1, range(1, 40)));
    lookup.use(reportsOf(2, range(30, 20)));
    expect(lookup.find(5)).toBeUndefined();
    expect(lookup.find(35)?.taskId).toBe(2);
    lookup.use(reportsOf(3, [1, 2]));
    expect(lookup.find(35)).toBeUndefined();
    expect(lookup.find(2)?.taskId).toBe(3);
    lookup.use(undefined);
    expect(lookup.find(2)).toBeUndefined();
  });

  it.each([3, 40])('keeps the report that wins when a unit has several (%i reports in the task)', (count) => {
    const reports = [...reportsOf(1, range(1, count - 2)), { taskId: 1, unitId: 1, at: 5 }, { taskId: 1, unitId: 1, at: 2 }];
    const byLatest = new TaskReportLookup<Report>(later);
    byLatest.use(reports);
    expect(byLatest.find(1)?.at).toBe(5);
    const byLastListed = new TaskReportLookup<Report>(() => true);
    byLastListed.use(reports);
    expect(byLastListed.find(1)?.at).toBe(2);
  });
});

describe('groupByTask', () => {
  it('groups reports by task in the order given, keeping only those asked for', () => {
    const reports = [...reportsOf(2, [1, 2]), ...reportsOf(1, [3]), { taskId: 2, unitId: 4, at: 9 }];
    const grouped = groupByTask(reports, (report) => report.at === 1);
    expect([...grouped.keys()]).toEqual([2, 1]);
    expect(grouped.get(2)?.map((report) => report.unitId)).toEqual([1, 2]);
  });
});
