import type { DbOrTx } from '../../db/database.js';
import { findWorkspaceById } from '../../db/repositories/workspace.repository.js';
import type { ReminderAudience, ReminderStage } from '../../db/tables/index.js';
import { diffDays, toLocalDate } from '../../domain/calendar/index.js';
import { readReminderPlan } from './reminder-settings.js';

/** Same as the reconcile's catch-up window. */
const STALE_AFTER_MS = 12 * 60 * 60 * 1000;
import { resolveUnitRecipient, type Recipient } from './recipients.js';
import { dueDateOfOccasion, listWaitingTasks, occasionOf, type WaitingTask } from './waiting-tasks.js';

/** Everything a reminder says, as data; the Discord adapter renders it. */
export interface ReminderContent {
  deliveryId: number;
  workspaceId: number;
  stage: ReminderStage;
  audience: ReminderAudience;
  unit: { id: number; name: string };
  period: { id: number; key: string; label: string };
  /** The date the listed tasks are due: the period's, or an extension's. */
  dueDate: string;
  /** Calendar days from today to the due date: negative once overdue. */
  daysLeft: number;
  tasks: WaitingTask[];
}

export type ReminderPreparation =
  | { kind: 'send'; content: ReminderContent; recipient: Recipient }
  | { kind: 'skip' | 'cancel' | 'fail'; reason: string };

/**
 * What a reminder should say at the moment it goes out. Decided at send time, not at planning
 * time, so a unit that reported everything in between gets nothing, and a closed period nothing.
 */
export async function prepareReminder(db: DbOrTx, deliveryId: number, now: Date): Promise<ReminderPreparation> {
  const row = await db
    .selectFrom('reminder_deliveries')
    .innerJoin('reporting_periods', 'reporting_periods.id', 'reminder_deliveries.period_id')
    .innerJoin('units', 'units.id', 'reminder_deliveries.unit_id')
    .select([
      'reminder_deliveries.workspace_id',
      'reminder_deliveries.unit_id',
      'reminder_deliveries.stage',
      'reminder_deliveries.occasion',
      'reminder_deliveries.audience',
      'reminder_deliveries.fire_at',
      'reporting_periods.id as period_id',
      'reporting_periods.key as period_key',
      'reporting_periods.label as period_label',
      'reporting_periods.year',
      'reporting_periods.due_date',
      'reporting_periods.closed_at',
      'units.name as unit_name',
      'units.active as unit_active',
    ])
    .where('reminder_deliveries.id', '=', deliveryId)
    .executeTakeFirst();
  if (!row) return { kind: 'cancel', reason: '提醒记录已不存在' };
  if (row.closed_at !== null) return { kind: 'cancel', reason: '报送周期已关闭' };
  // A planned stage found long after its time (workers were down) is not sent late: the next stage follows.
  if (row.stage !== 'nudge' && now.getTime() - row.fire_at.getTime() > STALE_AFTER_MS) return { kind: 'skip', reason: '错过了发送时间(当时服务未运行),已由下一次提醒接续' };
  if (!row.unit_active) return { kind: 'cancel', reason: '单位已停用' };
  const workspace = await findWorkspaceById(db, row.workspace_id);
  if (!workspace) return { kind: 'cancel', reason: '工作区已不存在' };
  const waiting = (await listWaitingTasks(db, { workspaceId: row.workspace_id, year: row.year, periodId: row.period_id, unitIds: [row.unit_id] })).get(row.unit_id) ?? [];
  // A nudge lists everything the unit owes; a planned stage only the tasks due on its date.
  const tasks = row.stage === 'nudge' ? waiting : waiting.filter((t) => occasionOf(t, row.due_date) === row.occasion);
  if (tasks.length === 0) return { kind: 'skip', reason: '该单位已报送本期全部任务' };
  const resolved = await resolveUnitRecipient(db, workspace, row.unit_id, row.audience);
  if (!resolved.ok) return { kind: 'fail', reason: resolved.reason };
  const dueDate = row.stage === 'nudge' ? earliestDue(tasks, row.due_date) : dueDateOfOccasion(row.occasion, row.due_date);
  const today = toLocalDate(now, readReminderPlan(workspace).timeZone);
  return {
    kind: 'send',
    recipient: resolved.recipient,
    content: {
      deliveryId,
      workspaceId: row.workspace_id,
      stage: row.stage,
      audience: row.audience,
      unit: { id: row.unit_id, name: row.unit_name },
      period: { id: row.period_id, key: row.period_key, label: row.period_label },
      dueDate,
      daysLeft: diffDays(today, dueDate),
      tasks,
    },
  };
}

function earliestDue(tasks: readonly WaitingTask[], periodDue: string): string {
  return tasks.map((t) => (t.extendedDueDate && t.extendedDueDate > periodDue ? t.extendedDueDate : periodDue)).sort()[0] ?? periodDue;
}
