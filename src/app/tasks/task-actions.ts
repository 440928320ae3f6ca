import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { recordAudit } from '../../db/repositories/audit.repository.js';
import { findUnitByNameOrAlias } from '../../db/repositories/unit.repository.js';
import type { TaskActionKind } from '../../db/tables/index.js';
import { isLocalDate, toLocalDate } from '../../domain/calendar/index.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';
import { createOutboundMessage, type OutboundPayload } from '../reminders/outbound-messages.js';
import { currentYear } from './task-queries.js';
import { queueAfterCommit } from '../queue-follow-up.js';

export interface TaskActionResult {
  action: TaskActionKind;
  task: { id: number; seq: number; label: string; title: string };
  /** Units told about it. */
  notified: string[];
  newDueDate?: string;
  unitName?: string;
}

type Trx = Transaction<Database>;

async function requireTask(trx: Trx, workspaceId: number, seq: number) {
  const year = await currentYear(trx, workspaceId);
  if (year === null) throw new UserError('no_notice', '本服务器尚未导入工作要点。');
  const task = await trx
    .selectFrom('tasks')
    .select(['id', 'seq', 'label', 'title', 'state', 'due_date', 'extended_due_date'])
    .where('workspace_id', '=', workspaceId)
    .where('year', '=', year)
    .where('seq', '=', seq)
    .where('retired_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!task) throw new UserError('unknown_task', `${year} 年没有第 ${seq} 项任务。请用 /tasks 查看任务编号。`);
  return task;
}

/** Every unit that answers for the task, collective names expanded. */
async function unitsOfTask(trx: Trx, taskId: number): Promise<{ id: number; name: string }[]> {
  const rows = await trx
    .selectFrom('task_units')
    .innerJoin('units', 'units.id', 'task_units.unit_id')
    .select(['units.id', 'units.name'])
    .where('task_units.task_id', '=', taskId)
    .where('units.active', '=', true)
    .execute();
  const members = await trx
    .selectFrom('task_units')
    .innerJoin('collective_members', 'collective_members.collective_id', 'task_units.collective_id')
    .innerJoin('units', 'units.id', 'collective_members.unit_id')
    .select(['units.id', 'units.name'])
    .where('task_units.task_id', '=', taskId)
    .where('units.active', '=', true)
    .execute();
  const byId = new Map([...rows, ...members].map((u) => [u.id, u]));
  return [...byId.values()];
}

async function recordAction(trx: Trx, input: { workspaceId: number; taskId: number; action: TaskActionKind; actorId: string; reason?: string | null; newDueDate?: string | null }) {
  return trx
    .insertInto('task_actions')
    .values({
      workspace_id: input.workspaceId,
      task_id: input.taskId,
      action: input.action,
      reason: input.reason ?? null,
      new_due_date: input.newDueDate ?? null,
      actor_id: input.actorId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

async function notifyUnits(trx: Trx, workspaceId: number, actionId: number, units: { id: number }[], payload: OutboundPayload): Promise<number[]> {
  const ids: number[] = [];
  for (const unit of units) {
    const id = await createOutboundMessage(trx, { workspaceId, kind: 'task_action', dedupeKey: `action-${actionId}-u${unit.id}`, audience: 'unit', unitId: unit.id, payload });
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

/** After commit: tell the units and move their reminders. */
async function afterCommit(ctx: AppContext, workspaceId: number, outboundIds: number[]): Promise<void> {
  await queueAfterCommit(ctx, 'notices and reconcile after a task action', async (s) => {
    for (const id of outboundIds) await s.enqueueOutbound(id);
    await s.requestReconcile(workspaceId);
  });
}

const taskName = (task: { seq: number; label: string; title: string }) => `第 ${task.seq} 项 ${task.label}${task.title}`;

/** 办结: the task is done; its units are told and get no more reminders for it. */
export async function closeTask(ctx: AppContext, input: { workspaceId: number; actorId: string; seq: number; note?: string | null }): Promise<TaskActionResult> {
  const { result, outboundIds } = await ctx.db.transaction().execute(async (trx) => {
    const task = await requireTask(trx, input.workspaceId, input.seq);
    if (task.state === 'closed') throw new UserError('already_closed', `${taskName(task)} 已经办结。`);
    const now = ctx.clock.now();
    await trx.updateTable('tasks').set({ state: 'closed', closed_at: now, closed_by: input.actorId, updated_at: now }).where('id', '=', task.id).execute();
    const action = await recordAction(trx, { workspaceId: input.workspaceId, taskId: task.id, action: 'close', actorId: input.actorId, reason: input.note ?? null });
    const units = await unitsOfTask(trx, task.id);
    const outboundIds = await notifyUnits(trx, input.workspaceId, action.id, units, {
      title: `任务已办结:第 ${task.seq} 项`,
      lines: [`${task.label}${task.title}`, '', '督办人已将该任务标记为办结,此后不再就该任务提醒报送。', ...(input.note ? [`说明:${input.note}`] : [])],
      tone: 'success',
    });
    await recordAudit(trx, { workspaceId: input.workspaceId, actorId: input.actorId, action: 'task.close', subjectType: 'task', subjectId: task.id, details: { note: input.note ?? null } });
    return { result: { action: 'close' as const, task, notified: units.map((u) => u.name) }, outboundIds };
  });
  await afterCommit(ctx, input.workspaceId, outboundIds);
  return result;
}

/**
 * 退回: a unit's report on the task goes back for more work, with the reason. The unit owes a new
 * revision (reminders list the task again) and is told why; a closed task is reopened.
 */
export async function sendBackTask(ctx: AppContext, input: { workspaceId: number; actorId: string; seq: number; reason: string; unitName?: string | null }): Promise<TaskActionResult> {
  const reason = input.reason.trim();
  if (!reason) throw new UserError('reason_required', '退回时请写明理由,联络员会看到它。');
  const { result, outboundIds } = await ctx.db.transaction().execute(async (trx) => {
    const task = await requireTask(trx, input.workspaceId, input.seq);
    let unitId: number;
    if (input.unitName) {
      const unit = await findUnitByNameOrAlias(trx, input.workspaceId, input.unitName.trim());
      if (!unit) throw new UserError('unknown_unit', `单位目录中没有“${input.unitName}”。`);
      unitId = unit.id;
    } else {
      const lead = await trx.selectFrom('task_units').select('unit_id').where('task_id', '=', task.id).where('role', '=', 'lead').where('unit_id', 'is not', null).orderBy('position').executeTakeFirst();
      if (!lead?.unit_id) throw new UserError('no_lead', '该任务没有明确的牵头单位,请在“单位”选项中指定要退回的单位。');
      unitId = lead.unit_id;
    }
    const report = await trx
      .selectFrom('progress_reports')
      .innerJoin('reporting_periods', 'reporting_periods.id', 'progress_reports.period_id')
      .innerJoin('units', 'units.id', 'progress_reports.unit_id')
      .select(['progress_reports.id', 'units.name as unit_name', 'reporting_periods.label as period_label'])
      .where('progress_reports.task_id', '=', task.id)
      .where('progress_reports.unit_id', '=', unitId)
      .where('reporting_periods.closed_at', 'is', null)
      .where('progress_reports.sent_back_at', 'is', null)
      .orderBy('reporting_periods.starts_on', 'desc')
      .executeTakeFirst();
    if (!report) throw new UserError('nothing_to_send_back', '该单位在未关闭的报送周期中没有可退回的进展(尚未报送,或已退回)。');
    const now = ctx.clock.now();
    await trx.updateTable('progress_reports').set({ sent_back_at: now, sent_back_reason: reason }).where('id', '=', report.id).execute();
    if (task.state === 'closed') await trx.updateTable('tasks').set({ state: 'open', closed_at: null, closed_by: null, updated_at: now }).where('id', '=', task.id).execute();
    const action = await recordAction(trx, { workspaceId: input.workspaceId, taskId: task.id, action: 'send_back', actorId: input.actorId, reason });
    const outboundIds = await notifyUnits(trx, input.workspaceId, action.id, [{ id: unitId }], {
      title: `进展被退回:第 ${task.seq} 项`,
      lines: [`${task.label}${task.title}`, '', `督办人退回了“${report.unit_name}”在${report.period_label}报送的进展。`, `退回理由:${reason}`, '', '请补充后重新报送(/progress 或回复提醒)。'],
      tone: 'warning',
    });
    await recordAudit(trx, { workspaceId: input.workspaceId, actorId: input.actorId, action: 'task.send_back', subjectType: 'progress_report', subjectId: report.id, details: { taskId: task.id, unitId, reason } });
    return { result: { action: 'send_back' as const, task, notified: [report.unit_name], unitName: report.unit_name }, outboundIds };
  });
  await afterCommit(ctx, input.workspaceId, outboundIds);
  return result;
}

/** 延期: a new due date for the task's report; reminders for it follow the new date, and its units are told. */
export async function extendTask(ctx: AppContext, input: { workspaceId: number; actorId: string; seq: number; newDueDate: string; reason?: string | null; timeZone: string }): Promise<TaskActionResult> {
  const newDueDate = input.newDueDate.trim();
  if (!isLocalDate(newDueDate)) throw new UserError('invalid_date', `“${input.newDueDate}”不是有效日期,请按 YYYY-MM-DD 填写,如 2026-04-30。`);
  const today = toLocalDate(ctx.clock.now(), input.timeZone);
  if (newDueDate <= today) throw new UserError('date_past', `新的截止日期应晚于今天(${today})。`);
  const { result, outboundIds } = await ctx.db.transaction().execute(async (trx) => {
    const task = await requireTask(trx, input.workspaceId, input.seq);
    if (task.state === 'closed') throw new UserError('task_closed', `${taskName(task)} 已办结,无需延期。`);
    const now = ctx.clock.now();
    await trx.updateTable('tasks').set({ extended_due_date: newDueDate, updated_at: now }).where('id', '=', task.id).execute();
    const action = await recordAction(trx, { workspaceId: input.workspaceId, taskId: task.id, action: 'extend', actorId: input.actorId, reason: input.reason ?? null, newDueDate });
    const units = await unitsOfTask(trx, task.id);
    const outboundIds = await notifyUnits(trx, input.workspaceId, action.id, units, {
      title: `任务已延期:第 ${task.seq} 项`,
      lines: [`${task.label}${task.title}`, '', `督办人同意延期,该任务的进展报送截止日期改为 **${newDueDate}**,提醒随之顺延。`, ...(input.reason ? [`说明:${input.reason}`] : [])],
      tone: 'info',
    });
    await recordAudit(trx, { workspaceId: input.workspaceId, actorId: input.actorId, action: 'task.extend', subjectType: 'task', subjectId: task.id, details: { newDueDate, previous: task.extended_due_date ?? task.due_date, reason: input.reason ?? null } });
    return { result: { action: 'extend' as const, task, notified: units.map((u) => u.name), newDueDate }, outboundIds };
  });
  await afterCommit(ctx, input.workspaceId, outboundIds);
  return result;
}
