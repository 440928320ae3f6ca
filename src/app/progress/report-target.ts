import { commandRef } from '../../command-names.js';
import { toLocalDate } from '../../domain/calendar/index.js';
import { isTaskDueIn, roleOf } from '../../domain/cycle/index.js';
import { decideEdit } from '../../domain/progress/index.js';
import { UserError } from '../../errors.js';
import type { PeriodRecord, Repositories, Unit, Workspace } from '../../ports.js';
import type { Access } from '../access.js';
import { loadOwedByUnits, toOwedTask, type OwedTask } from '../cycle/due-reports.js';
import { noNoticeError, resolveCycleYear } from '../cycle/load-cycle.js';
import { ensureReportingPeriods, pickPeriod } from '../cycle/reporting-periods.js';
import { closedTaskError } from './record-progress.js';

export interface ReportTarget {
  kind: 'target';
  task: { id: number; seq: number; label: string; title: string };
  unit: Pick<Unit, 'id' | 'name'>;
  period: PeriodRecord;
  /** The unit's current report on the task in the period, to pre-fill an edit. */
  existing: { status: string; body: string; percent: number | null; revision: number } | null;
}

/** The person speaks for several units that answer for the task: they pick one first. */
export interface UnitChoice {
  kind: 'choose_unit';
  task: { id: number; seq: number; label: string; title: string };
  units: Pick<Unit, 'id' | 'name'>[];
  period: PeriodRecord;
}

/** Only a liaison of the unit may report for it (coordinators and leaders read). */
export function requireLiaisonOf(access: Access, unitId: number): Unit {
  const unit = access.units.find((u) => u.id === unitId);
  if (!unit) throw new UserError('forbidden_unit', `只有该单位的联络员可以填报其进展。如需绑定,请联系督办人使用 ${commandRef('unit bind')}。`);
  return unit;
}

/** The unit a person typed or picked to report as (its name or id), or null when left out; only one of their own. */
export function pickOwnUnit(access: Access, typed: string | null): Unit | null {
  const name = typed?.trim();
  if (!name) return null;
  const unit = access.units.find((u) => u.name === name || String(u.id) === name);
  if (!unit) throw new UserError('forbidden_unit', `你没有绑定“${name}”,不能以该单位报送。请从联想列表中选择你的单位。`);
  return unit;
}

/**
 * What `/progress <task>` reports on: the period the workspace is in (the one /status, reminders and
 * the ranking call current) unless another open one is asked for, and the person's unit that answers
 * for the task — asked for when they speak for more than one.
 */
export async function resolveReportTarget(
  store: Repositories,
  workspace: Workspace,
  access: Access,
  input: { seq: number; unitId?: number | null; periodKey?: string | null; now: Date },
): Promise<ReportTarget | UnitChoice> {
  if (access.units.length === 0) throw new UserError('forbidden_unit', `你还没有绑定单位,不能填报进展。请联系督办人用 ${commandRef('unit bind')} 绑定。`);
  // The form opens in answer to the command, before Discord's 3 s are up: only the person's own
  // units' tasks are loaded, not the whole cycle (every unit's listings) as the overviews need.
  const year = await resolveCycleYear(store, workspace, input.now);
  if (year === null) throw noNoticeError();
  const [periods, ownTasks] = await Promise.all([
    ensureReportingPeriods(store, workspace, year),
    store.cycle.loadTasks(workspace.id, year, { unitIds: access.units.map((u) => u.id) }),
  ]);
  const task = ownTasks.find((t) => t.seq === input.seq);
  if (!task) {
    const exists = (await store.cycle.loadTasks(workspace.id, year)).some((t) => t.seq === input.seq);
    if (!exists) throw new UserError('unknown_task', `${year} 年没有第 ${input.seq} 项任务。请从联想列表中选择任务。`);
  }
  const answering = task ? access.units.filter((unit) => roleOf(task.listings, unit.id) !== null) : [];
  if (!task || answering.length === 0)
    throw new UserError('not_assigned', `第 ${input.seq} 项任务不属于你所在的单位(${access.units.map((u) => u.name).join('、')}),无需报送。`);

  const period = pickPeriod(periods, toLocalDate(input.now, workspace.time_zone), input.periodKey);
  if (!period)
    throw new UserError(
      input.periodKey ? 'unknown_period' : 'no_period',
      input.periodKey
        ? `没有报送周期“${input.periodKey}”。请从联想列表中选择。`
        : `当前没有报送周期。请联系督办人检查 ${commandRef('reminders')} 中的报送周期设置。`,
    );
  const decision = decideEdit({ closed: period.closed, label: period.label });
  if (!decision.allowed) throw new UserError(decision.code, decision.message);
  if (task.state === 'closed' && !isTaskDueIn(task, period, periods)) throw closedTaskError(task.seq);

  const ref = { id: task.id, seq: task.seq, label: task.label, title: task.title };
  const unit = input.unitId ? answering.find((u) => u.id === input.unitId) : answering.length === 1 ? answering[0] : undefined;
  if (input.unitId && !unit) throw new UserError('not_assigned', `你选择的单位不承担第 ${input.seq} 项任务,请重新选择。`);
  if (!unit) return { kind: 'choose_unit', task: ref, units: answering.map((u) => ({ id: u.id, name: u.name })), period };
  const existing = await store.progress.findReport({ taskId: task.id, unitId: unit.id, periodId: period.id });
  return {
    kind: 'target',
    task: ref,
    unit: { id: unit.id, name: unit.name },
    period,
    existing: existing ? { status: existing.status, body: existing.text, percent: existing.percent, revision: existing.revision } : null,
  };
}

/**
 * A form for one task, unit and period as a button names them: checked before anything of the task
 * is shown — the presser speaks for the unit, the unit answers for the task, the period is open and
 * of the task's year — so a forged button shows nothing of another unit's work.
 */
export async function resolveReportForm(
  store: Repositories,
  workspace: Workspace,
  access: Access,
  input: { taskId: number; unitId: number; periodId: number },
): Promise<ReportTarget> {
  const unit = requireLiaisonOf(access, input.unitId);
  const outdated = () => new UserError('form_outdated', `这个按钮已失效:任务、单位或报送周期已有调整。请重新打开提醒或使用 ${commandRef('progress')}。`);
  const period = await store.periods.find(workspace.id, input.periodId);
  if (!period) throw outdated();
  const [task] = await store.cycle.loadTasks(workspace.id, period.year, { taskIds: [input.taskId], unitIds: [unit.id] });
  if (!task || roleOf(task.listings, unit.id) === null)
    throw new UserError('not_assigned', `“${unit.name}”不承担这项任务,不能填报。请使用 ${commandRef('progress')} 选择本单位的任务。`);
  const decision = decideEdit({ closed: period.closed, label: period.label });
  if (!decision.allowed) throw new UserError(decision.code, decision.message);
  if (task.state === 'closed' && !isTaskDueIn(task, period, await store.periods.list(workspace.id, period.year))) throw closedTaskError(task.seq);
  const existing = await store.progress.findReport({ taskId: task.id, unitId: unit.id, periodId: period.id });
  return {
    kind: 'target',
    task: { id: task.id, seq: task.seq, label: task.label, title: task.title },
    unit: { id: unit.id, name: unit.name },
    period,
    existing: existing && !existing.sentBack ? { status: existing.status, body: existing.text, percent: existing.percent, revision: existing.revision } : null,
  };
}

/** What a reminder's 填报进展 button opens: the unit's tasks still owed in the reminder's period. */
export async function resolveReminderForms(
  store: Repositories,
  workspace: Workspace,
  access: Access,
  deliveryId: number,
): Promise<{ unit: Unit; period: PeriodRecord; owed: OwedTask[] }> {
  const reminder = await store.reminders.findToSend(deliveryId);
  if (!reminder || reminder.workspaceId !== workspace.id) throw new UserError('unknown_reminder', `这条提醒已失效,请使用 ${commandRef('progress')} 填报。`);
  const unit = requireLiaisonOf(access, reminder.unitId);
  const period = await store.periods.find(workspace.id, reminder.periodId);
  if (!period) throw new UserError('unknown_reminder', `这条提醒已失效,请使用 ${commandRef('progress')} 填报。`);
  const periods = await store.periods.list(workspace.id, period.year);
  const owed = (await loadOwedByUnits(store, { workspaceId: workspace.id, period, periods, unitIds: [unit.id] })).get(unit.id) ?? [];
  return { unit, period, owed: owed.map(toOwedTask) };
}
