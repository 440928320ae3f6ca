import { diffDays, toLocalDate, type ReminderAudience } from '../../domain/calendar/index.js';
import type { ReminderRowStage, Repositories } from '../../ports.js';
import { loadOwedByUnits, toOwedTask, type OwedTask } from '../cycle/due-reports.js';
import { dueDateOfOccasion, occasionOf } from './occasions.js';
import { resolveUnitRecipient, type Recipient } from './recipients.js';
import { readReminderPlan } from './reminder-settings.js';

/** Same as the reconcile's catch-up window. */
const STALE_AFTER_MS = 12 * 60 * 60 * 1000;

/** Everything a reminder says, as data; the Discord adapter renders it. */
export interface ReminderContent {
  deliveryId: number;
  workspaceId: number;
  stage: ReminderRowStage;
  audience: ReminderAudience;
  unit: { id: number; name: string };
  period: { id: number; key: string; label: string };
  /** The date the listed tasks are due: the period's, or an extension's. */
  dueDate: string;
  /** Calendar days from today to the due date: negative once overdue. */
  daysLeft: number;
  tasks: OwedTask[];
}

export type ReminderPreparation = { kind: 'send'; content: ReminderContent; recipient: Recipient } | { kind: 'skip' | 'cancel' | 'fail'; reason: string };

/**
 * What a reminder should say at the moment it goes out. Decided at send time, not at planning
 * time, so a unit that reported everything in between gets nothing, and a closed period nothing.
 */
export async function prepareReminder(store: Repositories, deliveryId: number, now: Date): Promise<ReminderPreparation> {
  const row = await store.reminders.findToSend(deliveryId);
  if (!row) return { kind: 'cancel', reason: '提醒记录已不存在' };
  const period = await store.periods.find(row.workspaceId, row.periodId);
  if (!period) return { kind: 'cancel', reason: '报送周期已不存在' };
  if (period.closed) return { kind: 'cancel', reason: '报送周期已关闭' };
  // A planned stage found long after its time (workers were down) is not sent late: the next stage follows.
  if (row.stage !== 'nudge' && now.getTime() - row.fireAt.getTime() > STALE_AFTER_MS)
    return { kind: 'skip', reason: '错过了发送时间(当时服务未运行),已由下一次提醒接续' };
  if (!row.unitActive) return { kind: 'cancel', reason: '单位已停用' };
  const workspace = await store.workspaces.findById(row.workspaceId);
  if (!workspace) return { kind: 'cancel', reason: '工作区已不存在' };
  const periods = await store.periods.list(row.workspaceId, period.year);
  const owed = (await loadOwedByUnits(store, { workspaceId: row.workspaceId, period, periods, unitIds: [row.unitId] })).get(row.unitId) ?? [];
  // A nudge lists everything the unit owes; a planned stage only the tasks due on its date.
  const listed = row.stage === 'nudge' ? owed : owed.filter((due) => occasionOf(due.dueDate, period.dueDate) === row.occasion);
  if (listed.length === 0) return { kind: 'skip', reason: '该单位已报送本期全部任务' };
  const resolved = await resolveUnitRecipient(store, workspace, row.unitId, row.audience);
  if (!resolved.ok) return { kind: 'fail', reason: resolved.reason };
  const dueDate = row.stage === 'nudge' ? (listed.map((due) => due.dueDate).sort()[0] ?? period.dueDate) : dueDateOfOccasion(row.occasion, period.dueDate);
  const today = toLocalDate(now, readReminderPlan(workspace).timeZone);
  return {
    kind: 'send',
    recipient: resolved.recipient,
    content: {
      deliveryId,
      workspaceId: row.workspaceId,
      stage: row.stage,
      audience: row.audience,
      unit: { id: row.unitId, name: row.unitName },
      period: { id: period.id, key: period.key, label: period.label },
      dueDate,
      daysLeft: diffDays(today, dueDate),
      tasks: listed.map(toOwedTask),
    },
  };
}
