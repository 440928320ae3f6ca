import type { DbOrTx } from '../../db/database.js';
import type { ProgressStatus, TaskState } from '../../db/tables/index.js';
import { UserError } from '../../errors.js';
import { canSeeAllUnits, type Access } from '../access.js';
import { currentYear, loadTaskUnits, type TaskUnitView } from './task-queries.js';

export interface TaskDetail {
  id: number;
  year: number;
  seq: number;
  label: string;
  sectionNo: number | null;
  sectionTitle: string | null;
  title: string;
  body: string;
  deadlinePhrase: string | null;
  dueDate: string | null;
  extendedDueDate: string | null;
  targets: string[];
  leaderPerson: string | null;
  state: TaskState;
  units: TaskUnitView[];
  latestReports: { unitName: string; status: ProgressStatus; percent: number | null; body: string; at: Date; late: boolean; periodLabel: string }[];
}

/** Unit ids a liaison's units stand for in a task: directly, or as members of a collective it names. */
async function memberUnitIdsOfTask(db: DbOrTx, units: TaskUnitView[]): Promise<Set<number>> {
  const ids = new Set(units.flatMap((u) => (u.unitId !== null ? [u.unitId] : [])));
  const collectiveIds = units.flatMap((u) => (u.collectiveId !== null ? [u.collectiveId] : []));
  if (collectiveIds.length) {
    const members = await db.selectFrom('collective_members').select('unit_id').where('collective_id', 'in', collectiveIds).execute();
    for (const m of members) ids.add(m.unit_id);
  }
  return ids;
}

/** One task in full, for someone allowed to see it: coordinators and leaders see all, liaisons their units' tasks. */
export async function getTaskDetail(db: DbOrTx, workspaceId: number, access: Access, seq: number, year?: number): Promise<TaskDetail> {
  const taskYear = year ?? (await currentYear(db, workspaceId));
  if (taskYear === null) throw new UserError('no_notice', '本服务器尚未导入工作要点。请督办人先用 /notice import 导入。');
  const task = await db
    .selectFrom('tasks')
    .leftJoin('sections', 'sections.id', 'tasks.section_id')
    .selectAll('tasks')
    .select(['sections.no as section_no', 'sections.title as section_title'])
    .where('tasks.workspace_id', '=', workspaceId)
    .where('tasks.year', '=', taskYear)
    .where('tasks.seq', '=', seq)
    .where('tasks.retired_at', 'is', null)
    .executeTakeFirst();
  if (!task) throw new UserError('unknown_task', `${taskYear} 年没有第 ${seq} 项任务。请用 /tasks 查看任务编号,或在输入时从联想列表中选择。`);
  const units = (await loadTaskUnits(db, [task.id])).get(task.id) ?? [];
  if (!canSeeAllUnits(access)) {
    const involved = await memberUnitIdsOfTask(db, units);
    if (!access.units.some((u) => involved.has(u.id))) {
      throw new UserError('forbidden_task', `第 ${seq} 项任务不属于你所在的单位,联络员只能查看本单位承担的任务。`);
    }
  }
  const reports = await db
    .selectFrom('progress_reports')
    .innerJoin('units', 'units.id', 'progress_reports.unit_id')
    .innerJoin('reporting_periods', 'reporting_periods.id', 'progress_reports.period_id')
    .select(['units.name', 'progress_reports.status', 'progress_reports.percent', 'progress_reports.body', 'progress_reports.last_submitted_at', 'progress_reports.late', 'reporting_periods.label', 'progress_reports.unit_id'])
    .where('progress_reports.task_id', '=', task.id)
    .orderBy('progress_reports.last_submitted_at', 'desc')
    .execute();
  const latestByUnit = new Map<number, (typeof reports)[number]>();
  for (const r of reports) if (!latestByUnit.has(r.unit_id)) latestByUnit.set(r.unit_id, r);
  return {
    id: task.id,
    year: taskYear,
    seq: task.seq,
    label: task.label,
    sectionNo: task.section_no,
    sectionTitle: task.section_title,
    title: task.title,
    body: task.body,
    deadlinePhrase: task.deadline_phrase,
    dueDate: task.due_date,
    extendedDueDate: task.extended_due_date,
    targets: task.targets,
    leaderPerson: task.leader_person,
    state: task.state,
    units,
    latestReports: [...latestByUnit.values()].map((r) => ({
      unitName: r.name,
      status: r.status,
      percent: r.percent,
      body: r.body,
      at: r.last_submitted_at,
      late: r.late,
      periodLabel: r.label,
    })),
  };
}
