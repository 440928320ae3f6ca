import type { DbOrTx } from '../../db/database.js';
import type { Workspace } from '../../db/repositories/workspace.repository.js';
import { toLocalDate } from '../../domain/calendar/index.js';
import { UserError } from '../../errors.js';
import { ensureReportingPeriods, periodAt, type PeriodRow } from '../periods/reporting-periods.js';
import { loadUnitAssignments, listWaitingTasks, type WaitingTask } from '../reminders/waiting-tasks.js';
import { currentYear } from '../tasks/task-queries.js';

export interface UnitStatus {
  unitId: number;
  name: string;
  owed: WaitingTask[];
  assigned: number;
  /** Nudged today already (催办 is once a day). */
  nudgedToday: boolean;
  /** Some of what it owes is past its due date. */
  overdue: boolean;
}

export interface StatusReport {
  year: number;
  period: PeriodRow;
  periods: PeriodRow[];
  today: string;
  /** 未报送名单: units that owe at least one report, most owed first. */
  missing: UnitStatus[];
  reportedUnits: number;
  totalUnits: number;
  overdueTasks: { seq: number; label: string; title: string; units: string[] }[];
  blockedTasks: { seq: number; label: string; title: string; unitName: string; text: string }[];
  failedDeliveries: number;
}

/** Who has and has not reported in a period, what is overdue and what is blocked: the coordinator's /status. */
export async function buildStatusReport(db: DbOrTx, workspace: Workspace, input: { periodKey?: string | null; now: Date }): Promise<StatusReport> {
  const year = await currentYear(db, workspace.id);
  if (year === null) throw new UserError('no_notice', '本服务器尚未导入工作要点。请督办人先用 /notice import 导入。');
  const periods = await ensureReportingPeriods(db, workspace, year);
  const today = toLocalDate(input.now, workspace.time_zone);
  const period = input.periodKey ? periods.find((p) => p.key === input.periodKey || p.label === input.periodKey) : periodAt(periods, today);
  if (!period) throw new UserError('unknown_period', `没有报送周期“${input.periodKey ?? ''}”。请从联想列表中选择。`);

  const assignments = await loadUnitAssignments(db, workspace.id, year);
  const waiting = await listWaitingTasks(db, { workspaceId: workspace.id, year, periodId: period.id, assignments });
  const names = new Map([...assignments.entries()].map(([id, list]) => [id, list[0]?.unitName ?? String(id)]));
  const nudged = new Set(
    (
      await db
        .selectFrom('reminder_deliveries')
        .select('unit_id')
        .where('workspace_id', '=', workspace.id)
        .where('period_id', '=', period.id)
        .where('stage', '=', 'nudge')
        .where('occasion', '=', today)
        .execute()
    ).map((r) => r.unit_id),
  );
  const dueOf = (t: WaitingTask) => (t.extendedDueDate && t.extendedDueDate > period.due_date ? t.extendedDueDate : period.due_date);
  const missing: UnitStatus[] = [...waiting.entries()]
    .map(([unitId, owed]) => ({
      unitId,
      name: names.get(unitId) ?? String(unitId),
      owed,
      assigned: new Set((assignments.get(unitId) ?? []).map((a) => a.taskId)).size,
      nudgedToday: nudged.has(unitId),
      overdue: owed.some((t) => dueOf(t) < today),
    }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.owed.length - a.owed.length || a.name.localeCompare(b.name, 'zh-CN'));

  const overdueByTask = new Map<number, { seq: number; label: string; title: string; units: string[] }>();
  for (const unit of missing) {
    for (const task of unit.owed) {
      if (dueOf(task) >= today) continue;
      const entry = overdueByTask.get(task.taskId) ?? { seq: task.seq, label: task.label, title: task.title, units: [] };
      entry.units.push(unit.name);
      overdueByTask.set(task.taskId, entry);
    }
  }
  const blocked = await db
    .selectFrom('progress_reports')
    .innerJoin('tasks', 'tasks.id', 'progress_reports.task_id')
    .innerJoin('units', 'units.id', 'progress_reports.unit_id')
    .select(['tasks.seq', 'tasks.label', 'tasks.title', 'units.name', 'progress_reports.body'])
    .where('progress_reports.period_id', '=', period.id)
    .where('progress_reports.status', '=', 'blocked')
    .where('progress_reports.sent_back_at', 'is', null)
    .where('tasks.state', '=', 'open')
    .orderBy('tasks.seq')
    .execute();
  const failed = await db
    .selectFrom('reminder_deliveries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspace.id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  const failedOutbound = await db
    .selectFrom('outbound_messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspace.id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return {
    year,
    period,
    periods,
    today,
    missing,
    reportedUnits: assignments.size - missing.length,
    totalUnits: assignments.size,
    overdueTasks: [...overdueByTask.values()].sort((a, b) => a.seq - b.seq),
    blockedTasks: blocked.map((b) => ({ seq: b.seq, label: b.label, title: b.title, unitName: b.name, text: b.body })),
    failedDeliveries: Number(failed?.n ?? 0) + Number(failedOutbound?.n ?? 0),
  };
}
