import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { TaskRole } from '../../db/tables/index.js';
import { buildUnitReminders, type UnitTaskRef } from '../../domain/calendar/index.js';

/** One open task a unit answers for, directly or as a member of a collective name. */
export interface UnitAssignment {
  unitId: number;
  unitName: string;
  taskId: number;
  role: TaskRole;
  seq: number;
  no: number;
  label: string;
  title: string;
  dueDate: string | null;
  extendedDueDate: string | null;
}

/** A task still waiting for the unit's report in a period. */
export interface WaitingTask extends UnitAssignment {
  /** The coordinator sent the unit's report back (退回): the reason, else null. */
  sentBackReason: string | null;
}

/**
 * Open tasks of a year per unit, lead and supporting alike, with collective names (各镇政府…)
 * expanded through the directory. Inactive units answer for nothing.
 */
export async function loadUnitAssignments(db: DbOrTx, workspaceId: number, year: number, unitIds?: readonly number[]): Promise<Map<number, UnitAssignment[]>> {
  if (unitIds && unitIds.length === 0) return new Map();
  const unitExpr = sql<number>`coalesce(task_units.unit_id, collective_members.unit_id)`;
  let query = db
    .selectFrom('task_units')
    .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
    .leftJoin('collective_members', 'collective_members.collective_id', 'task_units.collective_id')
    .innerJoin('units', (join) => join.on('units.id', '=', unitExpr))
    .select([
      unitExpr.as('unit_id'),
      'units.name as unit_name',
      'task_units.role',
      'tasks.id as task_id',
      'tasks.seq',
      'tasks.no',
      'tasks.label',
      'tasks.title',
      'tasks.due_date',
      'tasks.extended_due_date',
    ])
    .where('tasks.workspace_id', '=', workspaceId)
    .where('tasks.year', '=', year)
    .where('tasks.retired_at', 'is', null)
    .where('tasks.state', '=', 'open')
    .where('units.active', '=', true);
  if (unitIds) query = query.where(unitExpr, 'in', [...unitIds]);
  const rows = await query.orderBy('tasks.seq').execute();
  const byUnit = new Map<number, UnitAssignment[]>();
  for (const r of rows) {
    const list = byUnit.get(r.unit_id) ?? [];
    list.push({
      unitId: r.unit_id,
      unitName: r.unit_name,
      taskId: r.task_id,
      role: r.role,
      seq: r.seq,
      no: r.no,
      label: r.label,
      title: r.title,
      dueDate: r.due_date,
      extendedDueDate: r.extended_due_date,
    });
    byUnit.set(r.unit_id, list);
  }
  return byUnit;
}

/** The report each unit owes in a period: its assignments minus what it reported (a sent-back report is owed again). */
export async function listWaitingTasks(
  db: DbOrTx,
  input: { workspaceId: number; year: number; periodId: number; unitIds?: readonly number[]; assignments?: Map<number, UnitAssignment[]> },
): Promise<Map<number, WaitingTask[]>> {
  const assignments = input.assignments ?? (await loadUnitAssignments(db, input.workspaceId, input.year, input.unitIds));
  if (assignments.size === 0) return new Map();
  let reportsQuery = db
    .selectFrom('progress_reports')
    .select(['task_id', 'unit_id', 'sent_back_at', 'sent_back_reason'])
    .where('workspace_id', '=', input.workspaceId)
    .where('period_id', '=', input.periodId);
  if (input.unitIds) reportsQuery = reportsQuery.where('unit_id', 'in', [...input.unitIds]);
  const reports = await reportsQuery.execute();
  const reported = new Map<string, Set<string>>();
  const sentBack = new Map<string, string>();
  for (const r of reports) {
    if (r.sent_back_at !== null) {
      sentBack.set(`${r.unit_id}:${r.task_id}`, r.sent_back_reason ?? '');
      continue;
    }
    const set = reported.get(String(r.unit_id)) ?? new Set<string>();
    set.add(String(r.task_id));
    reported.set(String(r.unit_id), set);
  }
  const refs = new Map<string, UnitTaskRef[]>();
  const details = new Map<string, UnitAssignment>();
  for (const [unitId, list] of assignments) {
    refs.set(
      String(unitId),
      list.map((a) => ({ taskId: String(a.taskId), label: a.label, title: a.title, role: a.role })),
    );
    for (const a of list) {
      const key = `${unitId}:${a.taskId}`;
      const held = details.get(key);
      if (!held || (held.role === 'support' && a.role === 'lead')) details.set(key, a);
    }
  }
  // The domain decides the order and de-duplication: one listing per task, lead tasks first.
  const waiting = new Map<number, WaitingTask[]>();
  for (const reminder of buildUnitReminders({ tasksByUnit: refs, reportedTaskIdsByUnit: reported })) {
    const unitId = Number(reminder.unitId);
    waiting.set(
      unitId,
      reminder.pendingTasks.map((t) => {
        const key = `${unitId}:${t.taskId}`;
        const detail = details.get(key) as UnitAssignment;
        return { ...detail, role: t.role, sentBackReason: sentBack.get(key) ?? null };
      }),
    );
  }
  return waiting;
}

/** Tasks whose extension moves their report past the period's due date, grouped by the new date. */
export function occasionOf(task: Pick<UnitAssignment, 'extendedDueDate'>, periodDueDate: string): string {
  return task.extendedDueDate !== null && task.extendedDueDate > periodDueDate ? `e${task.extendedDueDate}` : '';
}

/** The due date an occasion stands for: the period's, or the extension's. */
export function dueDateOfOccasion(occasion: string, periodDueDate: string): string {
  return /^e\d{4}-\d{2}-\d{2}$/.test(occasion) ? occasion.slice(1) : periodDueDate;
}
