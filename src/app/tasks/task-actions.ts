import { commandRef } from '../../command-names.js';
import { isLocalDate, toLocalDate } from '../../domain/calendar/index.js';
import { assignmentsOf, roleOf, type TaskRole } from '../../domain/cycle/index.js';
import { UserError } from '../../errors.js';
import type { Repositories, TaskActionKind, TaskDetailRecord, TaskReportRecord, Workspace } from '../../ports.js';
import type { AppContext } from '../context.js';
import { noNoticeError, resolveCycleYear } from '../cycle/load-cycle.js';
import { queueAfterCommit } from '../queue-follow-up.js';
import { createOutboundMessage, type OutboundPayload } from '../reminders/outbound-messages.js';
import { resolveUnitRecipient } from '../reminders/recipients.js';
import { loadTaskUnits } from './task-units.js';

export interface TaskActionResult {
  action: TaskActionKind;
  task: { id: number; seq: number; label: string; title: string };
  /** Units told about it. */
  notified: string[];
  /** Units that could not be told: no liaison or channel bound. */
  unreachable: string[];
  newDueDate?: string;
  unitName?: string;
}

interface ActionContext {
  tx: Repositories;
  workspace: Workspace;
  task: TaskDetailRecord;
}

export async function requireTask(tx: Repositories, workspaceId: number, seq: number, now: Date): Promise<ActionContext> {
  const workspace = await tx.workspaces.findById(workspaceId);
  if (!workspace) throw new UserError('no_workspace', `找不到本服务器的督办设置,请先运行 ${commandRef('setup')}。`);
  const year = await resolveCycleYear(tx, workspace, now);
  if (year === null) throw noNoticeError();
  const task = await tx.tasks.findBySeq(workspaceId, year, seq, { lock: true });
  if (!task) throw new UserError('unknown_task', `${year} 年没有第 ${seq} 项任务。请用 ${commandRef('tasks')} 查看任务编号。`);
  return { tx, workspace, task };
}

/** Every active unit answering for the task, collective names expanded, lead first. */
async function unitsOfTask({ tx, workspace, task }: ActionContext): Promise<{ id: number; name: string }[]> {
  const { units } = await loadTaskUnits(tx, workspace.id, task.year, task.id);
  return units.map((unit) => ({ id: unit.unitId, name: unit.name }));
}

/** One message per unit that can be reached; the rest are named so the coordinator knows who was not told. */
async function notifyUnits(
  { tx, workspace }: ActionContext,
  actionId: number,
  units: readonly { id: number; name: string }[],
  payload: OutboundPayload,
): Promise<{ outboundIds: number[]; notified: string[]; unreachable: string[] }> {
  const outcome = { outboundIds: [] as number[], notified: [] as string[], unreachable: [] as string[] };
  for (const unit of units) {
    const reach = await resolveUnitRecipient(tx, workspace, unit.id, 'liaison');
    if (!reach.ok) {
      outcome.unreachable.push(unit.name);
      continue;
    }
    outcome.notified.push(unit.name);
    const id = await createOutboundMessage(tx, {
      workspaceId: workspace.id,
      kind: 'task_action',
      dedupeKey: `action-${actionId}-u${unit.id}`,
      audience: 'unit',
      unitId: unit.id,
      payload,
    });
    if (id !== undefined) outcome.outboundIds.push(id);
  }
  return outcome;
}

/** After commit: tell the units and move their reminders. */
async function afterCommit(ctx: AppContext, workspaceId: number, outboundIds: number[]): Promise<void> {
  await queueAfterCommit(ctx, 'notices and reconcile after a task action', async (s) => {
    for (const id of outboundIds) await s.enqueueOutbound(id);
    await s.requestReconcile(workspaceId);
  });
}

export const taskName = (task: { seq: number; label: string; title: string }) => `第 ${task.seq} 项 ${task.label}${task.title}`;
const taskRef = (task: TaskDetailRecord) => ({ id: task.id, seq: task.seq, label: task.label, title: task.title });

/** 办结: the task is done; its units are told and get no more reminders for it. */
export async function closeTask(
  ctx: AppContext,
  input: { workspaceId: number; actorId: string; seq: number; note?: string | null },
): Promise<TaskActionResult> {
  const now = ctx.clock.now();
  const { result, outboundIds } = await ctx.store.transaction(async (tx) => {
    const action = await requireTask(tx, input.workspaceId, input.seq, now);
    const { task } = action;
    if (task.state === 'closed') throw new UserError('already_closed', `${taskName(task)} 已经办结。`);
    await tx.tasks.setState(task.id, { state: 'closed', at: now, by: input.actorId });
    const actionId = await tx.tasks.recordAction({
      workspaceId: input.workspaceId,
      taskId: task.id,
      action: 'close',
      reason: input.note ?? null,
      newDueDate: null,
      actorId: input.actorId,
    });
    const told = await notifyUnits(action, actionId, await unitsOfTask(action), {
      title: `任务已办结:第 ${task.seq} 项`,
      lines: [
        `${task.label}${task.title}`,
        '',
        '督办人已将该任务标记为办结,此后各报送周期不再要求报送该任务的进展;此前已到期而未报送的,仍请补报。',
        ...(input.note ? [`说明:${input.note}`] : []),
      ],
      tone: 'success',
    });
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'task.close',
      subjectType: 'task',
      subjectId: task.id,
      details: { note: input.note ?? null },
    });
    return { result: { action: 'close' as const, task: taskRef(task), notified: told.notified, unreachable: told.unreachable }, outboundIds: told.outboundIds };
  });
  await afterCommit(ctx, input.workspaceId, outboundIds);
  return result;
}

/** Each unit's standing report on the task (not sent back) in a period still open, newest first: what can be sent back or graded. */
export async function openStandingReports(tx: Repositories, workspaceId: number, task: TaskDetailRecord): Promise<TaskReportRecord[]> {
  const reports = await tx.progress.listTaskReports(workspaceId, task.id);
  const periods = await tx.periods.list(workspaceId, task.year);
  const open = new Set(periods.filter((p) => !p.closed).map((p) => p.id));
  const seen = new Set<number>();
  return reports.filter((r) => !r.sentBack && open.has(r.periodId) && !seen.has(r.unitId) && seen.add(r.unitId));
}

/** The units whose report on the task can be sent back (退回), for the coordinator to pick from; refused when there is none. */
export async function listSendBackCandidates(
  ctx: AppContext,
  input: { workspaceId: number; seq: number },
): Promise<{ unitName: string; role: TaskRole; periodLabel: string }[]> {
  const { tx, workspace, task } = await requireTask(ctx.store, input.workspaceId, input.seq, ctx.clock.now());
  const [candidates, [cycleTask]] = await Promise.all([
    openStandingReports(tx, workspace.id, task),
    tx.cycle.loadTasks(workspace.id, task.year, { taskIds: [task.id] }),
  ]);
  if (candidates.length === 0) {
    throw new UserError('nothing_to_send_back', `第 ${input.seq} 项任务在未关闭的报送周期中还没有可退回的进展(尚未报送,或已全部退回)。`);
  }
  return candidates.map((r) => ({ unitName: r.unitName, role: roleOf(cycleTask?.listings ?? [], r.unitId) ?? 'support', periodLabel: r.periodLabel }));
}

/**
 * 退回: a unit's report on the task goes back for more work, with the reason. Any unit that reported
 * can be picked, those reached through a collective name too; without a pick, the only one that
 * reported, else the lead. The unit owes a new revision (reminders list the task again) and is told
 * why; a closed task is reopened.
 */
export async function sendBackTask(
  ctx: AppContext,
  input: { workspaceId: number; actorId: string; seq: number; reason: string; unitName?: string | null },
): Promise<TaskActionResult> {
  const reason = input.reason.trim();
  if (!reason) throw new UserError('reason_required', '退回时请写明理由,联络员会看到它。');
  const now = ctx.clock.now();
  const { result, outboundIds } = await ctx.store.transaction(async (tx) => {
    const action = await requireTask(tx, input.workspaceId, input.seq, now);
    const { task } = action;
    const candidates = await openStandingReports(tx, input.workspaceId, task);
    let report: TaskReportRecord | undefined;
    if (input.unitName) {
      const unit = await tx.units.findByNameOrAlias(input.workspaceId, input.unitName.trim());
      if (!unit) throw new UserError('unknown_unit', `单位目录中没有“${input.unitName}”。`);
      report = candidates.find((r) => r.unitId === unit.id);
    } else if (candidates.length === 1) {
      report = candidates[0];
    } else {
      const [cycleTask] = await tx.cycle.loadTasks(input.workspaceId, task.year, { taskIds: [task.id] });
      const lead = assignmentsOf(cycleTask?.listings ?? []).find((a) => a.role === 'lead' && candidates.some((r) => r.unitId === a.unitId));
      if (candidates.length > 1 && !lead)
        throw new UserError('pick_unit', `有 ${candidates.length} 个单位报送了该任务的进展,请在“退回哪个单位的进展”中选择一个。`);
      report = candidates.find((r) => r.unitId === lead?.unitId);
    }
    if (!report) throw new UserError('nothing_to_send_back', '该单位在未关闭的报送周期中没有可退回的进展(尚未报送,或已退回)。');
    await tx.progress.sendBack(report.reportId, { reason, at: now });
    if (task.state === 'closed') await tx.tasks.setState(task.id, { state: 'open', at: now, by: null });
    const actionId = await tx.tasks.recordAction({
      workspaceId: input.workspaceId,
      taskId: task.id,
      action: 'send_back',
      reason,
      newDueDate: null,
      actorId: input.actorId,
    });
    const told = await notifyUnits(action, actionId, [{ id: report.unitId, name: report.unitName }], {
      title: `进展被退回:第 ${task.seq} 项`,
      lines: [
        `${task.label}${task.title}`,
        '',
        `督办人退回了“${report.unitName}”在${report.periodLabel}报送的进展。`,
        `退回理由:${reason}`,
        '',
        `请补充后重新报送(${commandRef('progress')} 或回复提醒)。`,
      ],
      tone: 'warning',
    });
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'task.send_back',
      subjectType: 'progress_report',
      subjectId: report.reportId,
      details: { taskId: task.id, unitId: report.unitId, reason },
    });
    return {
      result: { action: 'send_back' as const, task: taskRef(task), notified: told.notified, unreachable: told.unreachable, unitName: report.unitName },
      outboundIds: told.outboundIds,
    };
  });
  await afterCommit(ctx, input.workspaceId, outboundIds);
  return result;
}

/**
 * 延期: a new date for the task (its 完成时限) and for its report of the one period the new date
 * follows (reportDueDate); reminders for it move to the new date, and its units are told.
 */
export async function extendTask(
  ctx: AppContext,
  input: { workspaceId: number; actorId: string; seq: number; newDueDate: string; reason?: string | null; timeZone: string },
): Promise<TaskActionResult> {
  const newDueDate = input.newDueDate.trim();
  if (!isLocalDate(newDueDate)) throw new UserError('invalid_date', `“${input.newDueDate}”不是有效日期,请按 YYYY-MM-DD 填写,如 2026-04-30。`);
  const now = ctx.clock.now();
  const today = toLocalDate(now, input.timeZone);
  if (newDueDate <= today) throw new UserError('date_past', `新的截止日期应晚于今天(${today})。`);
  const { result, outboundIds } = await ctx.store.transaction(async (tx) => {
    const action = await requireTask(tx, input.workspaceId, input.seq, now);
    const { task } = action;
    if (task.state === 'closed') throw new UserError('task_closed', `${taskName(task)} 已办结,无需延期。`);
    await tx.tasks.setExtendedDueDate(task.id, newDueDate, now);
    const actionId = await tx.tasks.recordAction({
      workspaceId: input.workspaceId,
      taskId: task.id,
      action: 'extend',
      reason: input.reason ?? null,
      newDueDate,
      actorId: input.actorId,
    });
    const told = await notifyUnits(action, actionId, await unitsOfTask(action), {
      title: `任务已延期:第 ${task.seq} 项`,
      lines: [
        `${task.label}${task.title}`,
        '',
        `督办人同意延期,该任务的进展报送截止日期改为 **${newDueDate}**,提醒随之顺延。`,
        ...(input.reason ? [`说明:${input.reason}`] : []),
      ],
      tone: 'info',
    });
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'task.extend',
      subjectType: 'task',
      subjectId: task.id,
      details: { newDueDate, previous: task.extendedDueDate ?? task.dueDate, reason: input.reason ?? null },
    });
    return {
      result: { action: 'extend' as const, task: taskRef(task), notified: told.notified, unreachable: told.unreachable, newDueDate },
      outboundIds: told.outboundIds,
    };
  });
  await afterCommit(ctx, input.workspaceId, outboundIds);
  return result;
}
