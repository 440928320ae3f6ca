import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { ProgressStatus, TaskRole, TaskState } from '../../db/tables/index.js';

export interface TaskUnitView {
  name: string;
  role: TaskRole;
  unitId: number | null;
  collectiveId: number | null;
}

export interface TaskSummary {
  id: number;
  seq: number;
  label: string;
  sectionNo: number | null;
  sectionTitle: string | null;
  title: string;
  state: TaskState;
  dueDate: string | null;
  deadlinePhrase: string | null;
  units: TaskUnitView[];
  /** Status of the most recent report on the task by any unit, or null when none reported yet. */
  latestStatus: ProgressStatus | null;
}

export type TaskStatusFilter = 'open' | 'closed' | 'unreported' | ProgressStatus;

export interface TaskFilter {
  /** Only tasks assigned to these units, directly or through a collective name. */
  unitIds?: readonly number[];
  sectionNo?: number;
  status?: TaskStatusFilter;
}

/** The year whose notice is in force most recently: what people mean by "the tasks". */
export async function currentYear(db: DbOrTx, workspaceId: number): Promise<number | null> {
  const row = await db
    .selectFrom('notices')
    .select('year')
    .where('workspace_id', '=', workspaceId)
    .where('is_current', '=', true)
    .orderBy('year', 'desc')
    .executeTakeFirst();
  return row?.year ?? null;
}

export async function listTaskSummaries(db: DbOrTx, workspaceId: number, year: number, filter: TaskFilter = {}): Promise<TaskSummary[]> {
  let query = db
    .selectFrom('tasks')
    .leftJoin('sections', 'sections.id', 'tasks.section_id')
    .select([
      'tasks.id',
      'tasks.seq',
      'tasks.label',
      'tasks.title',
      'tasks.state',
      'tasks.deadline_phrase',
      sql<string | null>`coalesce(tasks.extended_due_date, tasks.due_date)`.as('due_date'),
      'sections.no as section_no',
      'sections.title as section_title',
      (eb) =>
        eb
          .selectFrom('progress_reports')
          .select('progress_reports.status')
          .whereRef('progress_reports.task_id', '=', 'tasks.id')
          .orderBy('progress_reports.last_submitted_at', 'desc')
          .limit(1)
          .as('latest_status'),
    ])
    .where('tasks.workspace_id', '=', workspaceId)
    .where('tasks.year', '=', year)
    .where('tasks.retired_at', 'is', null);

  if (filter.sectionNo !== undefined) query = query.where('sections.no', '=', filter.sectionNo);
  if (filter.unitIds) {
    const unitIds = [...filter.unitIds];
    if (unitIds.length === 0) return [];
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('task_units')
          .select('task_units.id')
          .whereRef('task_units.task_id', '=', 'tasks.id')
          .where((w) =>
            w.or([
              w('task_units.unit_id', 'in', unitIds),
              w('task_units.collective_id', 'in', w.selectFrom('collective_members').select('collective_members.collective_id').where('collective_members.unit_id', 'in', unitIds)),
            ]),
          ),
      ),
    );
  }
  const rows = await query.orderBy('tasks.seq').execute();
  const units = await loadTaskUnits(db, rows.map((r) => r.id));
  const summaries: TaskSummary[] = rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    label: r.label,
    sectionNo: r.section_no,
    sectionTitle: r.section_title,
    title: r.title,
    state: r.state,
    dueDate: r.due_date,
    deadlinePhrase: r.deadline_phrase,
    units: units.get(r.id) ?? [],
    latestStatus: (r.latest_status as ProgressStatus | null) ?? null,
  }));
  const status = filter.status;
  if (!status) return summaries;
  return summaries.filter((t) =>
    status === 'open' ? t.state === 'open' : status === 'closed' ? t.state === 'closed' : status === 'unreported' ? t.latestStatus === null : t.latestStatus === status,
  );
}

export async function loadTaskUnits(db: DbOrTx, taskIds: readonly number[]): Promise<Map<number, TaskUnitView[]>> {
  const byTask = new Map<number, TaskUnitView[]>();
  if (taskIds.length === 0) return byTask;
  const rows = await db
    .selectFrom('task_units')
    .leftJoin('units', 'units.id', 'task_units.unit_id')
    .leftJoin('collective_names', 'collective_names.id', 'task_units.collective_id')
    .select(['task_units.task_id', 'task_units.role', 'task_units.unit_id', 'task_units.collective_id', 'units.name as unit_name', 'collective_names.name as collective_name', 'task_units.name_as_written'])
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
