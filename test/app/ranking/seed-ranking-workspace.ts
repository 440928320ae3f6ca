import type { Db } from '../../../src/db/database.js';
import type { ProgressStatus, ReportRating, TaskRole, UnitCategory } from '../../../src/db/tables/index.js';

/**
 * A small realistic workspace for 2026: five 部门 and four 镇街, a collective 各镇政府（街道办事处）, two
 * notice sections, lead and supporting tasks, first-quarter reports on time, late, missing, done and
 * perfunctory, and a bonus. The second quarter has a period but no reports; the others are laid out by the cadence when read.
 */

export const unitNames = {
  justice: '区司法局',
  development: '区发改局',
  education: '区教育局',
  finance: '区财政局',
  labour: '区人社局',
  donghu: '东湖镇',
  xishan: '西山镇',
  nanqiao: '南桥街道',
  beiling: '北岭镇',
} as const;
export type UnitKey = keyof typeof unitNames;

const categories: Record<UnitKey, UnitCategory> = {
  justice: 'department',
  development: 'department',
  education: 'department',
  finance: 'department',
  labour: 'department',
  donghu: 'township',
  xishan: 'township',
  nanqiao: 'township',
  beiling: 'township',
};

export interface SeededWorkspace {
  workspaceId: number;
  unitIds: Record<UnitKey, number>;
  taskIds: number[];
  periodIds: { q1: number; q2: number };
}

type Assignee = { unit: UnitKey; role: TaskRole } | { collective: true; role: TaskRole };

interface TaskSeed {
  label: string;
  title: string;
  section: 0 | 1;
  dueDate: string | null;
  createdAt: string;
  /** A task added after the notice was first imported asks for reports from this day on. */
  inForceFrom?: string;
  units: Assignee[];
}

const taskSeeds: TaskSeed[] = [
  {
    label: '（一）',
    title: '深入学习贯彻习近平法治思想',
    section: 0,
    dueDate: null,
    createdAt: '2026-02-01T02:00:00Z',
    units: [
      { unit: 'justice', role: 'lead' },
      { unit: 'development', role: 'support' },
      { collective: true, role: 'support' },
    ],
  },
  {
    label: '（二）',
    title: '落实党政主要负责人述法制度',
    section: 0,
    dueDate: '2026-03-20',
    createdAt: '2026-02-01T02:00:00Z',
    units: [
      { unit: 'development', role: 'lead' },
      { unit: 'labour', role: 'support' },
    ],
  },
  {
    label: '（三）',
    title: '加强行政规范性文件合法性审核',
    section: 1,
    dueDate: '2026-12-31',
    createdAt: '2026-02-01T02:00:00Z',
    units: [
      { unit: 'education', role: 'lead' },
      { unit: 'justice', role: 'support' },
    ],
  },
  {
    label: '（四）',
    title: '推进镇街综合行政执法改革',
    section: 1,
    dueDate: null,
    createdAt: '2026-02-01T02:00:00Z',
    units: [
      { unit: 'donghu', role: 'lead' },
      { unit: 'labour', role: 'support' },
    ],
  },
  {
    label: '（五）',
    title: '开展基层合法性审核全覆盖',
    section: 1,
    dueDate: null,
    createdAt: '2026-02-01T02:00:00Z',
    units: [{ collective: true, role: 'lead' }],
  },
  {
    // Added by a revision in May: owes nothing for the first quarter.
    label: '（六）',
    title: '推行行政执法三项制度',
    section: 1,
    dueDate: null,
    createdAt: '2026-05-01T02:00:00Z',
    inForceFrom: '2026-05-01',
    units: [{ unit: 'education', role: 'lead' }],
  },
];

interface ReportSeed {
  task: number;
  unit: UnitKey;
  status: ProgressStatus;
  percent?: number;
  at: string;
  late?: boolean;
  perfunctory?: boolean;
  rating?: ReportRating;
  body?: string;
}

/** First-quarter reports (due 2026-03-25); times are UTC, 02:00Z is 10:00 in Asia/Shanghai. */
const q1Reports: ReportSeed[] = [
  { task: 0, unit: 'justice', status: 'in_progress', percent: 50, at: '2026-03-20T02:00:00Z', body: '组织专题学习3次' },
  { task: 0, unit: 'development', status: 'done', at: '2026-03-28T02:00:00Z', late: true, body: '已完成集中学习' },
  { task: 0, unit: 'donghu', status: 'in_progress', at: '2026-03-18T02:00:00Z', body: '镇党委理论学习中心组学习' },
  { task: 0, unit: 'nanqiao', status: 'done', at: '2026-03-10T02:00:00Z', body: '已完成' },
  { task: 0, unit: 'beiling', status: 'done', at: '2026-03-10T03:00:00Z', body: '已完成' },
  { task: 1, unit: 'development', status: 'done', at: '2026-03-15T02:00:00Z', rating: 'excellent', body: '主要负责人已述法' },
  { task: 1, unit: 'labour', status: 'blocked', at: '2026-03-16T02:00:00Z', body: '述法材料待审定' },
  { task: 2, unit: 'education', status: 'not_started', at: '2026-03-21T02:00:00Z', perfunctory: true, body: '正在推进' },
  { task: 3, unit: 'donghu', status: 'done', at: '2026-03-24T02:00:00Z', body: '综合执法队已组建' },
  { task: 3, unit: 'labour', status: 'in_progress', percent: 30, at: '2026-03-22T02:00:00Z', body: '配合制定执法事项清单' },
  { task: 4, unit: 'donghu', status: 'in_progress', percent: 80, at: '2026-03-23T02:00:00Z', body: '审核覆盖率80%' },
  { task: 4, unit: 'nanqiao', status: 'in_progress', percent: 80, at: '2026-03-23T02:00:00Z', body: '审核覆盖率80%' },
  { task: 4, unit: 'beiling', status: 'in_progress', percent: 80, at: '2026-03-23T03:00:00Z', body: '审核覆盖率80%' },
];

export async function seedRankingWorkspace(db: Db, guildId = '120000000000000601'): Promise<SeededWorkspace> {
  const workspace = await db
    .insertInto('workspaces')
    .values({ guild_id: guildId, name: '清河区督办', region_name: '清河区' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const workspaceId = workspace.id;

  const unitRows = await db
    .insertInto('units')
    .values((Object.keys(unitNames) as UnitKey[]).map((key) => ({ workspace_id: workspaceId, name: unitNames[key], category: categories[key] })))
    .returning(['id', 'name'])
    .execute();
  const unitIds = Object.fromEntries(
    (Object.keys(unitNames) as UnitKey[]).map((key) => [key, unitRows.find((row) => row.name === unitNames[key])?.id ?? 0]),
  ) as Record<UnitKey, number>;

  const collective = await db
    .insertInto('collective_names')
    .values({ workspace_id: workspaceId, name: '各镇政府（街道办事处）' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('collective_members')
    .values(
      (['donghu', 'xishan', 'nanqiao', 'beiling'] as const).map((key) => ({ workspace_id: workspaceId, collective_id: collective.id, unit_id: unitIds[key] })),
    )
    .execute();

  const notice = await db
    .insertInto('notices')
    .values({
      workspace_id: workspaceId,
      year: 2026,
      version: 1,
      title: '清河区2026年法治政府建设工作要点',
      source_kind: 'text',
      source_text: '…',
      parsed: '{}',
      imported_by: '1',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sections = await db
    .insertInto('sections')
    .values([
      { workspace_id: workspaceId, notice_id: notice.id, no: 1, title: '加强党的领导', position: 1 },
      { workspace_id: workspaceId, notice_id: notice.id, no: 2, title: '健全依法行政制度体系', position: 2 },
    ])
    .returning('id')
    .execute();

  const taskIds: number[] = [];
  for (const [index, seed] of taskSeeds.entries()) {
    const task = await db
      .insertInto('tasks')
      .values({
        workspace_id: workspaceId,
        year: 2026,
        notice_id: notice.id,
        section_id: sections[seed.section]?.id ?? null,
        seq: index + 1,
        label: seed.label,
        no: index + 1,
        title: seed.title,
        body: `${seed.title}。`,
        due_date: seed.dueDate,
        created_at: seed.createdAt,
        in_force_from: seed.inForceFrom ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    taskIds.push(task.id);
    await db
      .insertInto('task_units')
      .values(
        seed.units.map((assignee, position) => ({
          workspace_id: workspaceId,
          task_id: task.id,
          unit_id: 'unit' in assignee ? unitIds[assignee.unit] : null,
          collective_id: 'collective' in assignee ? collective.id : null,
          role: assignee.role,
          position,
          name_as_written: 'unit' in assignee ? unitNames[assignee.unit] : '各镇政府（街道办事处）',
        })),
      )
      .execute();
  }

  const periods = await db
    .insertInto('reporting_periods')
    .values([
      {
        workspace_id: workspaceId,
        year: 2026,
        key: '2026-Q1',
        label: '2026年第一季度',
        starts_on: '2026-01-01',
        ends_on: '2026-03-31',
        due_date: '2026-03-25',
      },
      {
        workspace_id: workspaceId,
        year: 2026,
        key: '2026-Q2',
        label: '2026年第二季度',
        starts_on: '2026-04-01',
        ends_on: '2026-06-30',
        due_date: '2026-06-25',
      },
    ])
    .returning(['id', 'key'])
    .execute();
  const q1 = periods.find((p) => p.key === '2026-Q1')?.id ?? 0;
  const q2 = periods.find((p) => p.key === '2026-Q2')?.id ?? 0;

  await db
    .insertInto('progress_reports')
    .values(
      q1Reports.map((report) => ({
        workspace_id: workspaceId,
        task_id: taskIds[report.task] ?? 0,
        unit_id: unitIds[report.unit],
        period_id: q1,
        status: report.status,
        body: report.body ?? '',
        percent: report.percent ?? null,
        late: report.late ?? false,
        perfunctory: report.perfunctory ?? false,
        rating: report.rating ?? null,
        rated_by: report.rating ? '1' : null,
        first_submitted_at: report.at,
        last_submitted_at: new Date(report.at),
      })),
    )
    .execute();

  await db
    .insertInto('score_adjustments')
    .values({ workspace_id: workspaceId, unit_id: unitIds.education, period_id: q1, points: 3, reason: '承办全市法治政府建设现场会', awarded_by: '1' })
    .execute();

  return { workspaceId, unitIds, taskIds, periodIds: { q1, q2 } };
}
