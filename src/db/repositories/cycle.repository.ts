import { sql } from 'kysely';
import type { Listing, ReportRating, ReportState, TaskRole } from '../../domain/cycle/index.js';
import type { ProgressStatus } from '../../domain/progress/index.js';
import type { CycleStore, TaskRecord, TaskUnitName } from '../../ports.js';
import type { DbOrTx } from '../database.js';
import type { LocalDate } from '../tables/common.js';
import type { RepositoryOf } from './bind.js';

/*
 * pg parses every column of every row in JavaScript; for the ~20,000 listings or reports of a large
 * workspace that costs more than the query. Where rows are many, Postgres builds one JSON array of
 * tuples instead, read with the native JSON.parse: several times faster, same data.
 */
type ListingTuple = [taskId: number, role: TaskRole, position: number, unitId: number, direct: boolean];
type ReportTuple = [
  taskId: number,
  unitId: number,
  periodId: number,
  status: ProgressStatus,
  percent: number | null,
  late: boolean,
  perfunctory: boolean,
  rating: ReportRating | null,
  submittedAtMs: number,
  sentBack: boolean,
  sentBackReason: string | null,
  text: string | null,
];

async function listNoticeYears(db: DbOrTx, workspaceId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('notices')
    .select('year')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('is_current', '=', true)
    .orderBy('year')
    .execute();
  return rows.map((row) => row.year);
}

async function loadTasks(
  db: DbOrTx,
  workspaceId: number,
  year: number,
  options: { taskIds?: readonly number[]; unitIds?: readonly number[] } = {},
): Promise<TaskRecord[]> {
  const taskIds = options.taskIds ? [...options.taskIds] : null;
  const unitIds = options.unitIds ? [...options.unitIds] : null;
  if (taskIds?.length === 0 || unitIds?.length === 0) return [];
  const [taskRows, listingRows] = await Promise.all([
    db
      .selectFrom('tasks')
      .innerJoin('workspaces', 'workspaces.id', 'tasks.workspace_id')
      .leftJoin('sections', 'sections.id', 'tasks.section_id')
      .select([
        'tasks.id',
        'tasks.seq',
        'tasks.no',
        'tasks.label',
        'tasks.title',
        'tasks.section_id',
        'sections.no as section_no',
        'sections.title as section_title',
        'tasks.state',
        'tasks.deadline_phrase',
        'tasks.due_date',
        'tasks.extended_due_date',
        'tasks.in_force_from',
        sql<LocalDate | null>`to_char(tasks.closed_at at time zone workspaces.time_zone, 'YYYY-MM-DD')`.as('closed_on'),
        // Whether any active unit leads it, over all its listings even when only some units' are loaded.
        sql<boolean>`exists (
          select 1 from task_units lu
            left join collective_members lm on lm.collective_id = lu.collective_id
            join units lun on lun.id = coalesce(lu.unit_id, lm.unit_id)
           where lu.task_id = tasks.id and lu.role = 'lead' and lun.active)`.as('led'),
      ])
      .where('tasks.workspace_id', '=', workspaceId)
      .where('tasks.year', '=', year)
      .where('tasks.retired_at', 'is', null)
      .$if(taskIds !== null, (q) => q.where('tasks.id', 'in', taskIds ?? []))
      .$if(unitIds !== null, (q) =>
        q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('task_units as tu')
              .leftJoin('collective_members as cm', 'cm.collective_id', 'tu.collective_id')
              .select('tu.id')
              .whereRef('tu.task_id', '=', 'tasks.id')
              .where(sql<number>`coalesce(tu.unit_id, cm.unit_id)`, 'in', unitIds ?? []),
          ),
        ),
      )
      .orderBy('tasks.seq')
      .execute(),
    db
      .selectFrom('task_units')
      .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
      .leftJoin('collective_members', 'collective_members.collective_id', 'task_units.collective_id')
      .innerJoin('units', (join) => join.on('units.id', '=', sql<number>`coalesce(task_units.unit_id, collective_members.unit_id)`))
      .select(
        sql<ListingTuple[]>`coalesce(json_agg(json_build_array(
          task_units.task_id, task_units.role, task_units.position, units.id, task_units.unit_id is not null
        )), '[]'::json)`.as('tuples'),
      )
      .where('tasks.workspace_id', '=', workspaceId)
      .where('tasks.year', '=', year)
      .where('tasks.retired_at', 'is', null)
      .where('units.active', '=', true)
      .$if(taskIds !== null, (q) => q.where('tasks.id', 'in', taskIds ?? []))
      .$if(unitIds !== null, (q) => q.where('units.id', 'in', unitIds ?? []))
      .executeTakeFirstOrThrow(),
  ]);
  const listings = new Map<number, Listing[]>();
  for (const [taskId, role, position, unitId, direct] of listingRows.tuples) {
    const list = listings.get(taskId);
    const listing = { unitId, role, position, direct };
    if (list) list.push(listing);
    else listings.set(taskId, [listing]);
  }
  const rows = unitIds === null ? taskRows : taskRows.filter((row) => listings.has(row.id));
  return rows.map((row) => ({
    id: row.id,
    seq: row.seq,
    no: row.no,
    label: row.label,
    title: row.title,
    sectionId: row.section_id,
    sectionNo: row.section_no,
    sectionTitle: row.section_title,
    deadlinePhrase: row.deadline_phrase,
    state: row.state,
    closedOn: row.state === 'closed' ? row.closed_on : null,
    inForceFrom: row.in_force_from,
    dueDate: row.due_date,
    extendedDueDate: row.extended_due_date,
    listings: listings.get(row.id) ?? [],
    led: row.led,
  }));
}

async function loadReports(
  db: DbOrTx,
  workspaceId: number,
  options: { periodIds: readonly number[]; taskIds?: readonly number[]; unitIds?: readonly number[]; withText?: boolean; textLimit?: number },
): Promise<ReportState[]> {
  if (options.periodIds.length === 0 || options.taskIds?.length === 0 || options.unitIds?.length === 0) return [];
  const text = options.withText ? (options.textLimit ? sql`left(body, ${sql.lit(Math.floor(options.textLimit))})` : sql`body`) : sql`null`;
  const row = await db
    .selectFrom('progress_reports')
    .select(
      sql<ReportTuple[]>`coalesce(json_agg(json_build_array(
        task_id, unit_id, period_id, status, percent, late, perfunctory, rating,
        floor(extract(epoch from last_submitted_at) * 1000)::bigint, sent_back_at is not null, sent_back_reason, ${text}
      )), '[]'::json)`.as('tuples'),
    )
    .where('workspace_id', '=', workspaceId)
    .where('period_id', 'in', [...options.periodIds])
    .$if(options.taskIds !== undefined, (q) => q.where('task_id', 'in', [...(options.taskIds ?? [])]))
    .$if(options.unitIds !== undefined, (q) => q.where('unit_id', 'in', [...(options.unitIds ?? [])]))
    .executeTakeFirstOrThrow();
  return row.tuples.map(([taskId, unitId, periodId, status, percent, late, perfunctory, rating, submittedAtMs, sentBack, sentBackReason, body]) => ({
    taskId,
    unitId,
    periodId,
    status,
    percent,
    late,
    perfunctory,
    rating,
    submittedAt: new Date(submittedAtMs),
    sentBack,
    sentBackReason,
    text: body,
  }));
}

async function loadReportTexts(db: DbOrTx, workspaceId: number, periodId: number, reports: readonly { taskId: number; unitId: number }[], textLimit: number) {
  const texts = new Map<string, string>();
  if (reports.length === 0) return texts;
  const rows = await db
    .selectFrom('progress_reports')
    .select(['task_id', 'unit_id', sql<string>`left(body, ${sql.lit(Math.floor(textLimit))})`.as('text')])
    .where('workspace_id', '=', workspaceId)
    .where('period_id', '=', periodId)
    .where(sql<boolean>`(task_id, unit_id) in (select * from unnest(${reports.map((r) => r.taskId)}::int[], ${reports.map((r) => r.unitId)}::int[]))`)
    .execute();
  for (const row of rows) texts.set(`${row.task_id}:${row.unit_id}`, row.text);
  return texts;
}

async function listActiveUnits(db: DbOrTx, workspaceId: number) {
  return db.selectFrom('units').select(['id', 'name', 'category']).where('workspace_id', '=', workspaceId).where('active', '=', true).orderBy('id').execute();
}

async function listTaskUnitNames(db: DbOrTx, taskIds: readonly number[]): Promise<Map<number, TaskUnitName[]>> {
  const byTask = new Map<number, TaskUnitName[]>();
  if (taskIds.length === 0) return byTask;
  const rows = await db
    .selectFrom('task_units')
    .leftJoin('units', 'units.id', 'task_units.unit_id')
    .leftJoin('collective_names', 'collective_names.id', 'task_units.collective_id')
    .select([
      'task_units.task_id',
      'task_units.role',
      'task_units.unit_id',
      'task_units.collective_id',
      'units.name as unit_name',
      'collective_names.name as collective_name',
      'task_units.name_as_written',
    ])
    .where('task_units.task_id', 'in', [...taskIds])
    .orderBy('task_units.task_id')
    .orderBy('task_units.position')
    .execute();
  for (const r of rows) {
    const list = byTask.get(r.task_id) ?? [];
    list.push({ name: r.unit_name ?? r.collective_name ?? r.name_as_written, role: r.role, unitId: r.unit_id, collectiveId: r.collective_id });
    byTask.set(r.task_id, list);
  }
  return byTask;
}

export const cycleRepository: RepositoryOf<CycleStore> = { listNoticeYears, loadTasks, loadReports, loadReportTexts, listActiveUnits, listTaskUnitNames };
