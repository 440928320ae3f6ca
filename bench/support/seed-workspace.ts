/**
 * The workspace the ranking and ledger benchmarks run on: departments and townships, the two collective
 * names, one notice of tasks with a lead and up to three supporting units each (some also naming a
 * collective), four quarterly periods, and reports in each (about 85% of what is owed; a tenth of them
 * late, a sixth blocked), with a few ratings, 敷衍应付 marks and bonuses. The same seed gives the same
 * workspace every run.
 */
import { sql, type Insertable } from 'kysely';
import type { Db } from '../../src/db/database.js';
import type { ProgressStatus, ReportRating, TaskUnitsTable } from '../../src/db/tables/index.js';

export interface BenchWorkspaceShape {
  departments: number;
  townships: number;
  tasks: number;
  year: number;
  /** The PRNG's seed. */
  seed: number;
}

export const benchWorkspaceShape: BenchWorkspaceShape = { departments: 400, townships: 100, tasks: 1_000, year: 2026, seed: 20261121 };

/** A small seeded PRNG (mulberry32) so every run seeds the same workspace. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function insertChunked<T>(rows: readonly T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

interface Assignment {
  taskId: number;
  unitId: number;
}

/** The workspace's server and its coordinators' role (the ledger bench reads them from its local Discord server). */
export interface BenchGuild {
  guildId: string;
  coordinatorRoleId: string | null;
}

/**
 * Seeds one workspace of the given shape into a migrated database — a new one for `guild`, or the existing
 * `{ workspaceId }` (a benchmark whose bot made it) — and returns its id and the number of reports.
 */
export async function seedBenchWorkspace(
  db: Db,
  shape: BenchWorkspaceShape = benchWorkspaceShape,
  target: BenchGuild | { workspaceId: number } = { guildId: '130000000000000001', coordinatorRoleId: null },
): Promise<{ workspaceId: number; reports: number }> {
  const { departments: departmentCount, townships: townshipCount, tasks: taskCount, year } = shape;
  const random = createRandom(shape.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  const workspaceId =
    'workspaceId' in target
      ? target.workspaceId
      : (
          await db
            .insertInto('workspaces')
            .values({ guild_id: target.guildId, coordinator_role_id: target.coordinatorRoleId, name: '压测区督办', region_name: '压测区' })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;

  const unitValues = [
    ...Array.from({ length: departmentCount }, (_, i) => ({ workspace_id: workspaceId, name: `区第${i + 1}局`, category: 'department' as const })),
    ...Array.from({ length: townshipCount }, (_, i) => ({ workspace_id: workspaceId, name: `第${i + 1}镇`, category: 'township' as const })),
  ];
  const units = await db.insertInto('units').values(unitValues).returning(['id', 'category']).execute();
  const departments = units.filter((u) => u.category === 'department').map((u) => u.id);
  const townships = units.filter((u) => u.category === 'township').map((u) => u.id);

  const collectives = await db
    .insertInto('collective_names')
    .values([
      { workspace_id: workspaceId, name: '区政府各部门' },
      { workspace_id: workspaceId, name: '各镇政府（街道办事处）' },
    ])
    .returning(['id', 'name'])
    .execute();
  const allDepartments = collectives[0]?.id ?? 0;
  const allTownships = collectives[1]?.id ?? 0;
  const members = new Map([
    [allDepartments, departments],
    [allTownships, townships],
  ]);
  await db
    .insertInto('collective_members')
    .values(
      [...members].flatMap(([collectiveId, unitIds]) => unitIds.map((unitId) => ({ workspace_id: workspaceId, collective_id: collectiveId, unit_id: unitId }))),
    )
    .execute();

  const { id: noticeId } = await db
    .insertInto('notices')
    .values({
      workspace_id: workspaceId,
      year,
      version: 1,
      title: '压测区2026年法治政府建设工作要点',
      source_kind: 'text',
      source_text: '…',
      parsed: '{}',
      imported_by: 'bench',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sections = await db
    .insertInto('sections')
    .values(Array.from({ length: 8 }, (_, i) => ({ workspace_id: workspaceId, notice_id: noticeId, no: i + 1, title: `第${i + 1}部分工作`, position: i + 1 })))
    .returning('id')
    .execute();

  const dueDates = [null, null, '2026-06-30', '2026-09-30', '2026-12-31'];
  const taskRows = await db
    .insertInto('tasks')
    .values(
      Array.from({ length: taskCount }, (_, i) => ({
        workspace_id: workspaceId,
        year,
        notice_id: noticeId,
        section_id: sections[i % sections.length]?.id ?? null,
        seq: i + 1,
        label: `（${i + 1}）`,
        no: i + 1,
        title: `第${i + 1}项重点任务`,
        body: `推进第${i + 1}项法治政府建设重点任务。`,
        due_date: pick(dueDates),
        created_at: '2026-02-01T02:00:00Z',
      })),
    )
    .returning('id')
    .execute();

  // Each task: a lead and up to three supporting units; some name 区政府各部门 or 各镇政府 as supporting.
  const taskUnits: Insertable<TaskUnitsTable>[] = [];
  const assignments: Assignment[] = [];
  for (const { id: taskId } of taskRows) {
    const lead = random() < 0.8 ? pick(departments) : pick(townships);
    const named = new Set([lead]);
    const supportCount = Math.floor(random() * 4);
    while (named.size < supportCount + 1) named.add(pick(random() < 0.7 ? departments : townships));
    [...named].forEach((unitId, position) => {
      taskUnits.push({
        workspace_id: workspaceId,
        task_id: taskId,
        unit_id: unitId,
        collective_id: null,
        role: position === 0 ? 'lead' : 'support',
        position,
        name_as_written: String(unitId),
      });
    });
    const expanded = new Set(named);
    let position = named.size;
    for (const [collectiveId, share] of [
      [allDepartments, 0.03],
      [allTownships, 0.08],
    ] as const) {
      if (random() >= share) continue;
      taskUnits.push({
        workspace_id: workspaceId,
        task_id: taskId,
        unit_id: null,
        collective_id: collectiveId,
        role: 'support',
        position,
        name_as_written: '统称',
      });
      position += 1;
      for (const unitId of members.get(collectiveId) ?? []) expanded.add(unitId);
    }
    for (const unitId of expanded) assignments.push({ taskId, unitId });
  }
  await insertChunked(taskUnits, 2_000, (chunk) => db.insertInto('task_units').values(chunk).execute());

  const periods = await db
    .insertInto('reporting_periods')
    .values(
      [1, 2, 3, 4].map((q) => ({
        workspace_id: workspaceId,
        year,
        key: `${year}-Q${q}`,
        label: `${year}年第${'一二三四'[q - 1]}季度`,
        starts_on: `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`,
        ends_on: `${year}-${String(q * 3).padStart(2, '0')}-${q === 1 || q === 4 ? 31 : 30}`,
        due_date: `${year}-${String(q * 3).padStart(2, '0')}-25`,
      })),
    )
    .returning(['id', 'due_date'])
    .execute();

  const statuses: ProgressStatus[] = ['in_progress', 'in_progress', 'in_progress', 'done', 'not_started', 'blocked'];
  const ratings: (ReportRating | null)[] = ['excellent', 'good', 'fair', 'poor', null, null, null, null, null, null];
  let reports = 0;
  for (const period of periods) {
    const rows = assignments
      .filter(() => random() < 0.85)
      .map(({ taskId, unitId }) => {
        const status = pick(statuses);
        const late = random() < 0.1;
        const at = new Date(`${period.due_date}T02:00:00Z`);
        at.setUTCDate(at.getUTCDate() + (late ? 3 : -Math.floor(random() * 20)));
        return {
          workspace_id: workspaceId,
          task_id: taskId,
          unit_id: unitId,
          period_id: period.id,
          status,
          body: `本季度围绕该项任务开展专项工作，召开推进会${1 + Math.floor(random() * 5)}次，印发工作方案，完成阶段性目标。`,
          percent: status === 'in_progress' && random() < 0.7 ? Math.floor(random() * 100) : null,
          late,
          perfunctory: random() < 0.03,
          rating: pick(ratings),
          first_submitted_at: at,
          last_submitted_at: at,
        };
      });
    await insertChunked(rows, 4_000, (chunk) => db.insertInto('progress_reports').values(chunk).execute());
    reports += rows.length;
    const bonuses = Array.from({ length: 40 }, () => ({
      workspace_id: workspaceId,
      unit_id: pick(units).id,
      period_id: period.id,
      points: 1 + Math.floor(random() * 3),
      reason: '工作经验被上级推广',
      awarded_by: 'bench',
    }));
    await db.insertInto('score_adjustments').values(bonuses).execute();
  }
  // A live database has statistics and a visibility map (autovacuum keeps both); a freshly loaded one needs
  // them before the planner can use them, the map for index-only scans.
  await sql`vacuum analyze`.execute(db);
  return { workspaceId, reports };
}
