import { describe, expect, it } from 'vitest';
import { annualDraftNote, buildAnnualReportDraft, stripStatusWord } from '../../../src/domain/reports/index.js';
import { periods, q1, q2, q4, report, T, tasks, U, units } from './fixtures.js';

const closings = new Map([[T.t4, { on: '2026-08-01', note: '专项检查已完成，形成检查报告。' }]]);

const draft = buildAnnualReportDraft({
  regionName: '某某区',
  year: 2026,
  tasks,
  periods,
  closings,
  units,
  asOf: '2026-12-31',
  reports: [
    report(T.t1, U.justice, q1, '2026-03-20T02:00:00Z', { text: '启动清理。' }),
    report(T.t1, U.justice, q2, '2026-06-20T02:00:00Z', { status: 'done', text: '已完成清理，共清理文件36件。' }),
    report(T.t2, U.gov, q4, '2026-12-20T02:00:00Z', { percent: 85, text: '网上办理率已达85%。' }),
    report(T.t2, U.market, q4, '2026-12-21T02:00:00Z', { text: '配合梳理涉企事项清单。' }),
    report(T.t3, U.chengguan, q4, '2026-12-22T02:00:00Z', { status: 'blocked', text: '受阻：执法人员编制未落实。' }),
    report(T.t3, U.justice, q4, '2026-12-22T02:00:00Z', { text: '组织执法培训3期。' }),
    // Sent back and never resubmitted: not what the unit stands by.
    report(T.t5, U.justice, q4, '2026-12-22T02:00:00Z', { text: '敷衍的进展', sentBack: true }),
  ],
});

describe('buildAnnualReportDraft', () => {
  it('titles the report after the region and year and says it is a draft', () => {
    expect(draft.title).toBe('某某区2026年度法治政府建设情况报告');
    expect(draft.isDraft).toBe(true);
    expect(draft.draftNote).toBe(annualDraftNote);
  });

  it('compiles 一、工作开展情况 with one part per notice section, naming the units', () => {
    expect(draft.work.sections.map((s) => s.heading)).toEqual([
      '（一）健全依法行政制度体系',
      '（二）深化“放管服”改革',
      '（三）加强行政执法监督',
      '（四）其他工作',
    ]);
    const [first, second, third] = draft.work.sections;
    expect(first?.tasks[0]?.contributions).toEqual([
      { unitId: U.justice, unitName: '区司法局', role: 'lead', status: 'done', percent: null, text: '已完成清理，共清理文件36件' },
    ]);
    expect(second?.tasks[0]?.contributions.map((c) => [c.unitName, c.role])).toEqual([
      ['区政务服务中心', 'lead'],
      ['区市场监管局', 'support'],
    ]);
    expect(third?.tasks[0]).toMatchObject({ title: '推进综合行政执法改革', silentUnitNames: ['东街街道'] });
    expect(third?.tasks[0]?.contributions.map((c) => c.unitName)).toEqual(['城关镇', '区司法局']);
  });

  it('says a closed task was closed, with its note, and does not call its units silent', () => {
    const closed = draft.work.sections[2]?.tasks[1];
    expect(closed).toMatchObject({
      title: '规范涉企行政检查',
      done: true,
      closing: { on: '2026-08-01', note: '专项检查已完成，形成检查报告。' },
      silentUnitNames: [],
    });
  });

  it('names the status once: a report beginning with 受阻： is not read as 受阻：受阻', () => {
    expect(draft.work.sections[2]?.tasks[0]?.contributions[0]?.text).toBe('执法人员编制未落实');
    expect(draft.problems.items[1]?.text).toBe('（一）推进综合行政执法改革：城关镇反映推进受阻，执法人员编制未落实。');
    expect(stripStatusWord('【受阻】：资金未到位。')).toBe('资金未到位');
  });

  it('lists 二、存在的问题 from blocked and overdue tasks', () => {
    expect(draft.problems.items.map((p) => [p.taskId, p.kinds, p.unitNames])).toEqual([
      [T.t2, ['overdue'], ['区政务服务中心']],
      [T.t3, ['blocked'], ['城关镇']],
    ]);
    expect(draft.problems.items[0]?.text).toBe(
      '（一）推进政务服务“一网通办”：完成时限为2026年9月30日，截至2026年12月31日尚未完成（牵头单位：区政务服务中心）。',
    );
  });

  it('plans 三、下一步工作打算 from unfinished tasks, in words that fit where each stands', () => {
    expect(draft.nextSteps.items.map((n) => n.taskId)).toEqual([T.t2, T.t3, T.t5]);
    expect(draft.nextSteps.items[0]?.text).toBe(
      '继续推进政务服务“一网通办”，由区政务服务中心牵头，区市场监管局配合，目前完成85%，已超过完成时限，须加快进度、尽快完成。',
    );
    expect(draft.nextSteps.items[2]?.text).toBe('继续推进完成上级交办的其他任务，由区司法局牵头，推动常态化落实。');
  });

  it('does not promise to finish on time what is already at 100%', () => {
    const full = buildAnnualReportDraft({
      regionName: '某某区',
      year: 2026,
      tasks: tasks.slice(1, 2),
      periods,
      closings: new Map(),
      units,
      asOf: '2026-06-30',
      reports: [report(T.t2, U.gov, q1, '2026-03-20T02:00:00Z', { percent: 100 })],
    });
    expect(full.nextSteps.items[0]?.text).toBe('继续推进政务服务“一网通办”，由区政务服务中心牵头，区市场监管局配合，抓好收尾和验收，尽快办结。');
  });

  it('counts the sent-back report as missing and adds up the totals', () => {
    expect(draft.work.sections[3]?.tasks[0]).toMatchObject({ contributions: [], silentUnitNames: ['区司法局'] });
    expect(draft.totals).toEqual({ tasks: 5, done: 2, unfinished: 3, problems: 2, unitsReporting: 4 });
  });

  it('calls nobody silent before any report fell due', () => {
    const early = buildAnnualReportDraft({
      regionName: '某某区',
      year: 2026,
      tasks: tasks.slice(0, 1),
      periods,
      closings: new Map(),
      units,
      reports: [],
      asOf: '2026-02-01',
    });
    expect(early.work.sections[0]?.tasks[0]).toMatchObject({ contributions: [], silentUnitNames: [] });
    expect(early.problems.items).toEqual([]);
  });
});
