import type { CyclePeriod, Listing, ReportState } from '../../../src/domain/cycle/index.js';
import type { ReportSection, ReportTask } from '../../../src/domain/reports/index.js';

export const U = { justice: 1, market: 2, gov: 3, chengguan: 4, dongjie: 5 } as const;
export const T = { t1: 101, t2: 102, t3: 103, t4: 104, t5: 105 } as const;

export const units = new Map<number, { name: string }>([
  [U.justice, { name: '区司法局' }],
  [U.market, { name: '区市场监管局' }],
  [U.gov, { name: '区政务服务中心' }],
  [U.chengguan, { name: '城关镇' }],
  [U.dongjie, { name: '东街街道' }],
]);

const s1: ReportSection = { id: 1, no: 1, title: '健全依法行政制度体系' };
const s2: ReportSection = { id: 2, no: 2, title: '深化“放管服”改革' };
const s3: ReportSection = { id: 3, no: 3, title: '加强行政执法监督' };

export const periods: CyclePeriod[] = [1, 2, 3, 4].map((q) => ({
  id: q,
  key: `2026-Q${q}`,
  label: `2026年第${'一二三四'[q - 1]}季度`,
  startsOn: `2026-${String(q * 3 - 2).padStart(2, '0')}-01`,
  endsOn: `2026-${String(q * 3).padStart(2, '0')}-${q === 1 || q === 4 ? '31' : '30'}`,
  dueDate: `2026-${String(q * 3).padStart(2, '0')}-25`,
  closed: false,
}));
export const [q1, q2, q3, q4] = periods as [CyclePeriod, CyclePeriod, CyclePeriod, CyclePeriod];

const listed = (...entries: [number, 'lead' | 'support', boolean?][]): Listing[] =>
  entries.map(([unitId, role, direct = true], position) => ({ unitId, role, direct, position }));

function task(
  id: number,
  seq: number,
  section: ReportSection | null,
  label: string,
  title: string,
  listings: Listing[],
  overrides: Partial<ReportTask> = {},
): ReportTask {
  return {
    id,
    seq,
    label,
    title,
    section,
    sectionId: section?.id ?? null,
    state: 'open',
    closedOn: null,
    inForceFrom: null,
    dueDate: null,
    extendedDueDate: null,
    listings,
    ...overrides,
  };
}

export const tasks: ReportTask[] = [
  task(T.t1, 1, s1, '（一）', '开展行政规范性文件清理', listed([U.justice, 'lead']), { dueDate: '2026-06-30' }),
  task(T.t2, 2, s2, '（一）', '推进政务服务“一网通办”', listed([U.gov, 'lead'], [U.market, 'support']), { dueDate: '2026-09-30' }),
  // The townships answer through 各镇政府（街道办事处）; the justice bureau is named directly.
  task(T.t3, 3, s3, '（一）', '推进综合行政执法改革', listed([U.chengguan, 'lead', false], [U.dongjie, 'lead', false], [U.justice, 'support'])),
  task(T.t4, 4, s3, '（二）', '规范涉企行政检查', listed([U.market, 'lead']), { dueDate: '2026-12-31', state: 'closed', closedOn: '2026-08-01' }),
  task(T.t5, 5, null, '（三）', '完成上级交办的其他任务', listed([U.justice, 'lead'])),
];

export function report(taskId: number, unitId: number, period: CyclePeriod, at: string, overrides: Partial<ReportState> = {}): ReportState {
  return {
    taskId,
    unitId,
    periodId: period.id,
    status: 'in_progress',
    percent: null,
    late: false,
    perfunctory: false,
    rating: null,
    submittedAt: new Date(at),
    sentBack: false,
    sentBackReason: null,
    text: `${unitId}关于${taskId}的进展`,
    ...overrides,
  };
}
