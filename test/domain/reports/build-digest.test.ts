import { describe, expect, it } from 'vitest';
import { listDueReports } from '../../../src/domain/cycle/index.js';
import { buildDigest } from '../../../src/domain/reports/index.js';
import { periods, q3, report, T, tasks, U, units } from './fixtures.js';

const reports = [
  report(T.t1, U.justice, q3, '2026-09-10T02:00:00Z', { status: 'done', text: '已完成清理，共清理文件36件。' }),
  report(T.t2, U.gov, q3, '2026-10-12T02:00:00Z', { percent: 70, text: '网上办理率已达70%。' }),
  report(T.t3, U.chengguan, q3, '2026-10-13T03:00:00Z', { status: 'blocked', text: '执法人员编制未落实。' }),
  // Sent back: owed again, and not counted as in.
  report(T.t5, U.justice, q3, '2026-10-14T03:00:00Z', { sentBack: true, sentBackReason: '请补充数据' }),
];

const digest = buildDigest({
  since: new Date('2026-10-11T16:00:00Z'),
  now: new Date('2026-10-16T01:00:00Z'),
  timeZone: 'Asia/Shanghai',
  period: q3,
  periods,
  tasks,
  dueReports: listDueReports({ tasks, period: q3, periods, reports }),
  units,
});

describe('buildDigest', () => {
  it('lists the reports that came in since the last digest, leaving out one sent back', () => {
    expect(digest.newReports.map((r) => [r.taskId, r.unitName, r.status, r.percent])).toEqual([
      [T.t2, '区政务服务中心', 'in_progress', 70],
      [T.t3, '城关镇', 'blocked', null],
    ]);
  });

  it('shows completion by notice section in the notice’s order, with unsectioned tasks last', () => {
    expect(digest.completionBySection).toEqual([
      { sectionId: 1, title: '健全依法行政制度体系', total: 1, done: 1, reported: 1, percentDone: 100 },
      { sectionId: 2, title: '深化“放管服”改革', total: 1, done: 0, reported: 1, percentDone: 0 },
      { sectionId: 3, title: '加强行政执法监督', total: 2, done: 1, reported: 2, percentDone: 50 },
      { sectionId: null, title: '其他工作', total: 1, done: 0, reported: 0, percentDone: 0 },
    ]);
  });

  it('lists overdue and blocked tasks with the units concerned', () => {
    expect(digest.overdueTasks).toEqual([
      { taskId: T.t2, label: '（一）', title: '推进政务服务“一网通办”', dueDate: '2026-09-30', daysOverdue: 16, leadUnitNames: ['区政务服务中心'] },
    ]);
    expect(digest.blockedTasks).toEqual([
      { taskId: T.t3, label: '（一）', title: '推进综合行政执法改革', reports: [{ unitId: U.chengguan, unitName: '城关镇', text: '执法人员编制未落实。' }] },
    ]);
  });

  it('lists the units that owe a report as listDueReports decides, sent-back ones included, closed tasks left out', () => {
    expect(digest.unitsNotReported.map((u) => [u.name, u.pendingTasks.map((t) => `${t.taskId}:${t.role}`)])).toEqual([
      ['东街街道', [`${T.t3}:lead`]],
      ['区市场监管局', [`${T.t2}:support`]],
      ['区司法局', [`${T.t5}:lead`, `${T.t3}:support`]],
    ]);
    expect(digest.periodPastDue).toBe(true);
  });

  it('adds up the totals and reads today in Shanghai time', () => {
    expect(digest.today).toBe('2026-10-16');
    expect(digest.totals).toEqual({ tasks: 5, done: 2, newReports: 2, overdue: 1, blocked: 1, unitsNotReported: 3 });
  });

  it('leaves out a task not yet in force in the period', () => {
    const later = tasks.map((t) => (t.id === T.t5 ? { ...t, inForceFrom: '2026-11-01' } : t));
    const view = buildDigest({
      since: new Date(0),
      now: new Date('2026-10-16T01:00:00Z'),
      timeZone: 'Asia/Shanghai',
      period: q3,
      periods,
      tasks: later,
      dueReports: listDueReports({ tasks: later, period: q3, periods, reports }),
      units,
    });
    expect(view.totals.tasks).toBe(4);
    expect(view.unitsNotReported.find((u) => u.unitId === U.justice)?.pendingTasks.map((t) => t.taskId)).toEqual([T.t3]);
  });

  it('handles a period with no tasks and no reports', () => {
    const empty = buildDigest({
      since: new Date(0),
      now: new Date('2026-01-05T01:00:00Z'),
      timeZone: 'Asia/Shanghai',
      period: q3,
      periods,
      tasks: [],
      dueReports: [],
      units,
    });
    expect(empty.totals).toEqual({ tasks: 0, done: 0, newReports: 0, overdue: 0, blocked: 0, unitsNotReported: 0 });
    expect(empty.completionBySection).toEqual([]);
    expect(empty.periodPastDue).toBe(false);
  });
});
