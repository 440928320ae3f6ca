import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/domain/reports/index.js';
import { entry, sections, tasks, units } from './fixtures.js';

const reports = [
  entry('t1', 'justice', '2026-09-10T02:00:00Z', { status: 'done', text: '已完成清理，共清理文件36件。' }),
  entry('t2', 'gov', '2026-10-09T02:00:00Z', { percent: 65, text: '网上办理率已达65%。' }),
  entry('t2', 'gov', '2026-10-12T02:00:00Z', { percent: 70, text: '网上办理率已达70%。' }),
  entry('t3', 'chengguan', '2026-10-13T03:00:00Z', { status: 'blocked', text: '执法人员编制未落实。' }),
];

const digest = buildDigest({
  since: new Date('2026-10-11T16:00:00Z'),
  now: new Date('2026-10-16T01:00:00Z'),
  periodDueDate: '2026-09-25',
  sections,
  tasks,
  units,
  reports,
});

describe('buildDigest', () => {
  it('lists the reports that came in since the last digest, once per task and unit', () => {
    expect(digest.newReports.map((r) => [r.taskId, r.unitName, r.status, r.percent])).toEqual([
      ['t2', '区政务服务中心', 'in_progress', 70],
      ['t3', '城关镇', 'blocked', null],
    ]);
  });

  it('shows completion by notice section in the notice’s order, with unsectioned tasks last', () => {
    expect(digest.completionBySection).toEqual([
      { sectionId: 's1', title: '健全依法行政制度体系', total: 1, done: 1, reported: 1, percentDone: 100 },
      { sectionId: 's2', title: '深化“放管服”改革', total: 1, done: 0, reported: 1, percentDone: 0 },
      { sectionId: 's3', title: '加强行政执法监督', total: 2, done: 1, reported: 2, percentDone: 50 },
      { sectionId: null, title: '其他工作', total: 1, done: 0, reported: 0, percentDone: 0 },
    ]);
  });

  it('lists overdue and blocked tasks with the units concerned', () => {
    expect(digest.overdueTasks).toEqual([
      { taskId: 't2', label: '（一）', title: '推进政务服务“一网通办”', dueDate: '2026-09-30', daysOverdue: 16, leadUnitNames: ['区政务服务中心'] },
    ]);
    expect(digest.blockedTasks).toEqual([
      { taskId: 't3', label: '（一）', title: '推进综合行政执法改革', reports: [{ unitId: 'chengguan', unitName: '城关镇', text: '执法人员编制未落实。' }] },
    ]);
  });

  it('lists units that still owe a report, skipping closed tasks, in pinyin name order', () => {
    expect(digest.unitsNotReported.map((u) => [u.name, u.pendingTasks.map((t) => `${t.taskId}:${t.role}`)])).toEqual([
      ['东街街道', ['t3:lead']],
      ['区市场监管局', ['t2:support']],
      ['区司法局', ['t3:support', 't5:lead']],
    ]);
    expect(digest.periodPastDue).toBe(true);
  });

  it('adds up the totals and reads today in Shanghai time', () => {
    expect(digest.today).toBe('2026-10-16');
    expect(digest.totals).toEqual({ tasks: 5, done: 2, newReports: 2, overdue: 1, blocked: 1, unitsNotReported: 3 });
  });

  it('handles a week with no tasks and no reports', () => {
    const empty = buildDigest({ since: new Date(0), now: new Date('2026-01-05T01:00:00Z'), periodDueDate: null, sections, tasks: [], units, reports: [] });
    expect(empty.totals).toEqual({ tasks: 0, done: 0, newReports: 0, overdue: 0, blocked: 0, unitsNotReported: 0 });
    expect(empty.completionBySection).toEqual([]);
    expect(empty.periodPastDue).toBe(false);
  });
});
