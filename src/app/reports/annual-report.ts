import { sql } from 'kysely';
import { z } from 'zod';
import type { DbOrTx } from '../../db/database.js';
import type { TaskRole } from '../../db/tables/index.js';
import { toLocalDate, type LocalDate } from '../../domain/calendar/index.js';
import { buildAnnualReportDraft, type AnnualReportDraft, type ReportEntry, type ReportSection, type ReportTask, type ReportUnit } from '../../domain/reports/index.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';
import { parseUseCaseInput, workspaceIdSchema, yearSchema } from '../ranking/ranking-input.schema.js';

const draftAnnualReportInputSchema = z.object({ workspaceId: workspaceIdSchema, year: yearSchema });
export type DraftAnnualReportInput = z.input<typeof draftAnnualReportInputSchema>;

interface TaskUnitRow {
  task_id: number;
  unit_id: number | null;
  collective_id: number | null;
  collective_name: string | null;
  role: TaskRole;
  position: number;
}

/**
 * Who a task names, for prose: units named directly; for a collective name, the members that
 * reported on the task (named, so their work is credited) and the collective itself standing for
 * the members that sent nothing — 「各镇政府（街道办事处）其他单位」 reads better than 150 town names.
 */
function listTaskUnits(
  rows: readonly TaskUnitRow[],
  members: ReadonlyMap<number, readonly number[]>,
  reporters: ReadonlySet<string>,
  pseudoUnits: Map<string, ReportUnit>,
): ReportTask['units'] {
  const direct = new Set(rows.flatMap((row) => (row.unit_id !== null ? [row.unit_id] : [])));
  const listed: { unitId: string; role: TaskRole }[] = [];
  const seen = new Set<string>();
  const add = (unitId: string, role: TaskRole) => {
    if (seen.has(unitId)) return;
    seen.add(unitId);
    listed.push({ unitId, role });
  };
  for (const row of rows) {
    if (row.unit_id !== null) {
      add(String(row.unit_id), row.role);
      continue;
    }
    if (row.collective_id === null) continue;
    const memberIds = (members.get(row.collective_id) ?? []).filter((id) => !direct.has(id));
    const reporting = memberIds.filter((id) => reporters.has(`${row.task_id}:${id}`));
    for (const id of reporting) add(String(id), row.role);
    if (memberIds.length === 0 || reporting.length < memberIds.length) {
      const pseudoId = `collective-${row.collective_id}${reporting.length > 0 ? '-rest' : ''}`;
      const name = row.collective_name ?? '有关单位';
      pseudoUnits.set(pseudoId, { id: pseudoId, name: reporting.length > 0 ? `${name}其他单位` : name });
      add(pseudoId, row.role);
    }
  }
  const order = (role: TaskRole) => (role === 'lead' ? 0 : 1);
  return listed.map((unit, index) => ({ ...unit, index })).sort((a, b) => order(a.role) - order(b.role) || a.index - b.index).map(({ unitId, role }) => ({ unitId, role }));
}

async function loadAnnualData(db: DbOrTx, workspaceId: number, year: number) {
  const liveTasks = db.selectFrom('tasks').where('workspace_id', '=', workspaceId).where('year', '=', year).where('retired_at', 'is', null);
  const liveTaskIds = liveTasks.select('id');
  return Promise.all([
    db
      .selectFrom('tasks')
      .select(['id', 'section_id', 'label', 'title', 'state', sql<LocalDate | null>`coalesce(extended_due_date, due_date)`.as('due_date')])
      .where('workspace_id', '=', workspaceId)
      .where('year', '=', year)
      .where('retired_at', 'is', null)
      .orderBy('seq')
      .execute(),
    db
      .selectFrom('task_units')
      .leftJoin('collective_names', 'collective_names.id', 'task_units.collective_id')
      .select(['task_units.task_id', 'task_units.unit_id', 'task_units.collective_id', 'collective_names.name as collective_name', 'task_units.role', 'task_units.position'])
      .where('task_units.workspace_id', '=', workspaceId)
      .where('task_units.task_id', 'in', liveTaskIds)
      .orderBy('task_units.task_id')
      .orderBy('task_units.position')
      .execute(),
    db.selectFrom('collective_members').select(['collective_id', 'unit_id']).where('workspace_id', '=', workspaceId).orderBy('unit_id').execute(),
    db.selectFrom('sections').select(['id', 'no', 'title']).where('id', 'in', liveTasks.select('section_id').where('section_id', 'is not', null).$narrowType<{ section_id: number }>()).execute(),
    db.selectFrom('units').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute(),
    db
      .selectFrom('progress_reports')
      .select(['task_id', 'unit_id', 'status', 'percent', 'body', 'late', 'last_submitted_at'])
      .where('workspace_id', '=', workspaceId)
      // A report sent back (退回) for more work is not what the unit stands by: leave it out until resubmitted.
      .where('sent_back_at', 'is', null)
      .where('task_id', 'in', liveTaskIds)
      .execute(),
  ]);
}

/**
 * 年度法治政府建设情况报告 (草稿): compiles the year's live tasks and what every unit reported on them into
 * the draft's data, for the .docx renderer. The region is the workspace's region name, else its name.
 */
export async function draftAnnualReport(ctx: AppContext, input: DraftAnnualReportInput): Promise<AnnualReportDraft> {
  const { workspaceId, year } = parseUseCaseInput(draftAnnualReportInputSchema, input);
  const workspace = await ctx.db.selectFrom('workspaces').select(['name', 'region_name', 'time_zone']).where('id', '=', workspaceId).executeTakeFirst();
  if (!workspace) throw new UserError('unknown_workspace', `找不到编号为 ${workspaceId} 的工作区。请确认工作区编号（或服务器 ID）是否正确。`);
  const [taskRows, taskUnitRows, memberRows, sectionRows, unitRows, reportRows] = await loadAnnualData(ctx.db, workspaceId, year);
  if (taskRows.length === 0) {
    throw new UserError('no_tasks_for_year', `${year}年还没有导入工作要点，无法起草年度报告。请先用 /notice import 导入当年的工作要点。`);
  }

  const members = new Map<number, number[]>();
  for (const row of memberRows) members.set(row.collective_id, [...(members.get(row.collective_id) ?? []), row.unit_id]);
  const reporters = new Set(reportRows.map((row) => `${row.task_id}:${row.unit_id}`));
  const unitsByTask = new Map<number, TaskUnitRow[]>();
  for (const row of taskUnitRows) unitsByTask.set(row.task_id, [...(unitsByTask.get(row.task_id) ?? []), row]);

  const pseudoUnits = new Map<string, ReportUnit>();
  const tasks: ReportTask[] = taskRows.map((row) => ({
    id: String(row.id),
    sectionId: row.section_id === null ? null : String(row.section_id),
    label: row.label,
    title: row.title,
    dueDate: row.due_date,
    closed: row.state === 'closed',
    units: listTaskUnits(unitsByTask.get(row.id) ?? [], members, reporters, pseudoUnits),
  }));
  const sections: ReportSection[] = sectionRows.map((row) => ({ id: String(row.id), no: row.no, title: row.title }));
  const units: ReportUnit[] = [...unitRows.map((row) => ({ id: String(row.id), name: row.name })), ...pseudoUnits.values()];
  const reports: ReportEntry[] = reportRows.map((row) => ({
    taskId: String(row.task_id),
    unitId: String(row.unit_id),
    status: row.status,
    percent: row.percent,
    text: row.body,
    submittedAt: row.last_submitted_at,
    late: row.late,
  }));

  // Written during the year, overdue is judged as of today; afterwards, as of 31 December.
  const today = toLocalDate(ctx.clock.now(), workspace.time_zone);
  const yearEnd = `${year}-12-31`;
  return buildAnnualReportDraft({
    regionName: workspace.region_name ?? workspace.name,
    year,
    sections,
    tasks,
    reports,
    units,
    asOf: today < yearEnd ? today : yearEnd,
  });
}
