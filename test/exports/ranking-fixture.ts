import { assembleQuarterInput, buildQuarterReport, type RankingReport } from '../../src/app/ranking/index.js';
import type { ScoringBase, ScoringPeriod, UnitInfo } from '../../src/app/ranking/scoring-data.js';
import type { Listing } from '../../src/domain/cycle/index.js';
import type { TaskRecord } from '../../src/ports.js';
import { defaultScoringRules } from '../../src/domain/ranking/index.js';

/** A first-quarter ranking built without a database: three 部门, three 镇街, four tasks. */

export const fixtureUnits: UnitInfo[] = [
  { id: 1, name: '区司法局', category: 'department' },
  { id: 2, name: '区发展和改革委员会', category: 'department' },
  { id: 3, name: '区市场监督管理局', category: 'department' },
  { id: 4, name: '东湖镇', category: 'township' },
  { id: 5, name: '西山镇', category: 'township' },
  { id: 6, name: '南桥街道办事处', category: 'township' },
  { id: 7, name: '区财政局', category: 'department' },
];

const task = (id: number, label: string, title: string, units: Omit<Listing, 'position'>[], dueDate: string | null = null): TaskRecord => ({
  id,
  seq: id,
  no: id,
  label,
  title,
  sectionId: id <= 2 ? 1 : 2,
  sectionNo: id <= 2 ? 1 : 2,
  sectionTitle: id <= 2 ? '加强党的领导' : '健全依法行政制度体系',
  deadlinePhrase: null,
  dueDate,
  extendedDueDate: null,
  state: 'open',
  inForceFrom: null,
  closedOn: null,
  listings: units.map((unit, position) => ({ ...unit, position })),
});

const fixtureTasks: TaskRecord[] = [
  task(1, '（一）', '深入学习贯彻习近平法治思想', [
    { unitId: 1, role: 'lead', direct: true },
    { unitId: 2, role: 'support', direct: true },
    { unitId: 4, role: 'support', direct: false },
    { unitId: 5, role: 'support', direct: false },
    { unitId: 6, role: 'support', direct: false },
  ]),
  task(
    2,
    '（二）',
    '落实述法制度',
    [
      { unitId: 2, role: 'lead', direct: true },
      { unitId: 3, role: 'support', direct: true },
    ],
    '2026-03-20',
  ),
  task(3, '（三）', '加强规范性文件合法性审核', [{ unitId: 3, role: 'lead', direct: true }]),
  task(4, '（四）', '推进镇街综合行政执法改革', [
    { unitId: 4, role: 'lead', direct: true },
    { unitId: 5, role: 'lead', direct: true },
    { unitId: 6, role: 'lead', direct: true },
  ]),
];

const period: ScoringPeriod = {
  id: 11,
  key: '2026-Q1',
  label: '2026年第一季度',
  year: 2026,
  quarter: 1,
  startsOn: '2026-01-01',
  endsOn: '2026-03-31',
  dueDate: '2026-03-25',
  closed: false,
  closedAt: null,
  closedBy: null,
};

const report = (
  taskId: number,
  unitId: number,
  status: 'in_progress' | 'done' | 'blocked' | 'not_started',
  at: string,
  extra: { percent?: number; late?: boolean } = {},
) => ({
  periodId: 11,
  taskId,
  unitId,
  status,
  percent: extra.percent ?? null,
  late: extra.late ?? false,
  perfunctory: false,
  rating: null,
  submittedAt: new Date(at),
  sentBack: false,
  sentBackReason: null,
  text: `第${taskId}项进展`,
});

export function buildFixtureBase(): ScoringBase {
  return {
    workspace: { id: 1, name: '清河区督办', regionName: '清河区', timeZone: 'Asia/Shanghai', rules: defaultScoringRules, rulesAreDefault: true },
    today: '2026-04-10',
    units: fixtureUnits,
    tasks: fixtureTasks,
    periods: [period],
  };
}

export function buildFixtureReport(): RankingReport {
  const data = assembleQuarterInput(
    buildFixtureBase(),
    period,
    [
      report(1, 1, 'in_progress', '2026-03-20T02:00:00Z', { percent: 60 }),
      report(1, 2, 'done', '2026-03-28T02:00:00Z', { late: true }),
      report(1, 4, 'done', '2026-03-10T02:00:00Z'),
      report(1, 6, 'in_progress', '2026-03-12T02:00:00Z'),
      report(2, 2, 'done', '2026-03-15T02:00:00Z'),
      report(2, 3, 'blocked', '2026-03-16T02:00:00Z'),
      report(3, 3, 'in_progress', '2026-03-21T02:00:00Z', { percent: 40 }),
      report(4, 4, 'in_progress', '2026-03-23T02:00:00Z', { percent: 80 }),
      report(4, 6, 'in_progress', '2026-03-23T02:00:00Z', { percent: 80 }),
    ],
    [{ periodId: 11, unitId: 3, points: 2, reason: '承办全市现场会' }],
  );
  return buildQuarterReport(data, null);
}
