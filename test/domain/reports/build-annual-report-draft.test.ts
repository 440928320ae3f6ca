import { describe, expect, it } from 'vitest';
import { annualDraftNote, buildAnnualReportDraft } from '../../../src/domain/reports/index.js';
import { entry, sections, tasks, units } from './fixtures.js';

const draft = buildAnnualReportDraft({
  regionName: '某某区',
  year: 2026,
  sections,
  tasks,
  units,
  reports: [
    entry('t1', 'justice', '2026-03-20T02:00:00Z', { text: '启动清理。' }),
    entry('t1', 'justice', '2026-06-20T02:00:00Z', { status: 'done', text: '已完成清理，共清理文件36件。' }),
    entry('t2', 'gov', '2026-12-20T02:00:00Z', { percent: 85, text: '网上办理率已达85%。' }),
    entry('t2', 'market', '2026-12-21T02:00:00Z', { text: '配合梳理涉企事项清单。' }),
    entry('t3', 'chengguan', '2026-12-22T02:00:00Z', { status: 'blocked', text: '执法人员编制未落实。' }),
    entry('t3', 'justice', '2026-12-22T02:00:00Z', { text: '组织执法培训3期。' }),
  ],
});

describe('buildAnnualReportDraft', () => {
  it('titles the report after the region and year and says it is a draft', () => {
    expect(draft.title).toBe('某某区2026年度法治政府建设情况报告');
    expect(draft.isDraft).toBe(true);
    expect(draft.draftNote).toBe(annualDraftNote);
    expect(draft.draftNote).toContain('草稿');
  });

  it('compiles 一、工作开展情况 with one part per notice section, naming the units', () => {
    expect(draft.work.heading).toBe('一、工作开展情况');
    expect(draft.work.sections.map((s) => s.heading)).toEqual([
      '（一）健全依法行政制度体系',
      '（二）深化“放管服”改革',
      '（三）加强行政执法监督',
      '（四）其他工作',
    ]);
    const [first, second, third] = draft.work.sections;
    expect(first?.tasks[0]?.contributions).toEqual([
      { unitId: 'justice', unitName: '区司法局', role: 'lead', status: 'done', percent: null, text: '已完成清理，共清理文件36件。' },
    ]);
    expect(second?.tasks[0]?.contributions.map((c) => [c.unitName, c.role])).toEqual([
      ['区政务服务中心', 'lead'],
      ['区市场监管局', 'support'],
    ]);
    expect(third?.tasks[0]).toMatchObject({ title: '推进综合行政执法改革', silentUnitNames: ['东街街道'] });
    expect(third?.tasks[0]?.contributions.map((c) => c.unitName)).toEqual(['城关镇', '区司法局']);
  });

  it('lists 二、存在的问题 from blocked and overdue tasks', () => {
    expect(draft.problems.heading).toBe('二、存在的问题');
    expect(draft.problems.items.map((p) => [p.taskId, p.kinds, p.unitNames])).toEqual([
      ['t2', ['overdue'], ['区政务服务中心']],
      ['t3', ['blocked'], ['城关镇']],
    ]);
    expect(draft.problems.items[0]?.text).toBe(
      '（一）推进政务服务“一网通办”：完成时限为2026年9月30日，截至2026年12月31日尚未完成（牵头单位：区政务服务中心）。',
    );
    expect(draft.problems.items[1]?.text).toBe('（一）推进综合行政执法改革：城关镇反映推进受阻：执法人员编制未落实。');
  });

  it('plans 三、下一步工作打算 from unfinished tasks, leaving out done and closed ones', () => {
    expect(draft.nextSteps.heading).toBe('三、下一步工作打算');
    expect(draft.nextSteps.items.map((n) => n.taskId)).toEqual(['t2', 't3', 't5']);
    expect(draft.nextSteps.items[0]?.text).toBe('继续推进推进政务服务“一网通办”，由区政务服务中心牵头，区市场监管局配合，目前完成85%，确保按期完成。');
  });

  it('adds up the totals', () => {
    expect(draft.totals).toEqual({ tasks: 5, done: 2, unfinished: 3, problems: 2, unitsReporting: 4 });
  });

  it('still has the full structure for a year with no reports', () => {
    const empty = buildAnnualReportDraft({ regionName: '某某区', year: 2027, sections, tasks: tasks.slice(0, 1), units, reports: [] });
    expect(empty.work.sections).toHaveLength(1);
    expect(empty.work.sections[0]?.tasks[0]).toMatchObject({ contributions: [], silentUnitNames: ['区司法局'] });
    expect(empty.problems.items.map((p) => p.kinds)).toEqual([['overdue']]);
    expect(empty.nextSteps.items).toHaveLength(1);
  });
});
