import { hasLead, isOverdue, owedByUnit } from '../../domain/cycle/index.js';
import { UserError } from '../../errors.js';
import type { PeriodRecord, Repositories, Workspace } from '../../ports.js';
import { dueReportsOf, readPeriodReports, toOwedTask, type CycleDueReport, type OwedTask } from '../cycle/due-reports.js';
import { loadCycleWith, noNoticeError } from '../cycle/load-cycle.js';
import { pickPeriod } from '../cycle/reporting-periods.js';

export interface UnitStatus {
  unitId: number;
  name: string;
  owed: OwedTask[];
  /** Tasks asking the unit for a report in the period. */
  assigned: number;
  /** Nudged today already (催办 is once a day). */
  nudgedToday: boolean;
  /** Some of what it owes is past its due date. */
  overdue: boolean;
}

export interface StatusReport {
  year: number;
  period: PeriodRecord;
  periods: readonly PeriodRecord[];
  today: string;
  /** 未报送名单: units that owe at least one report, overdue first, then most owed. */
  missing: UnitStatus[];
  reportedUnits: number;
  totalUnits: number;
  overdueTasks: { seq: number; label: string; title: string; units: string[] }[];
  blockedTasks: { seq: number; label: string; title: string; unitName: string; text: string }[];
  /** Open tasks no unit leads (未指定牵头单位): they ask nobody for reports until one is named. */
  leaderlessTasks: { seq: number; label: string; title: string }[];
  failedDeliveries: number;
}

/** Who has and has not reported in a period, what is overdue and what is blocked: the coordinator's /status. */
export async function buildStatusReport(store: Repositories, workspace: Workspace, input: { periodKey?: string | null; now: Date }): Promise<StatusReport> {
  // The period's reports, nudges and failed deliveries are read beside the tasks and units, not after them.
  const loaded = await loadCycleWith(store, workspace, input.now, {}, async (periods, today) => {
    const period = pickPeriod(periods, today, input.periodKey);
    if (!period) return null;
    const [reports, nudged, failedDeliveries] = await Promise.all([
      readPeriodReports(store, workspace.id, period, { withText: true }),
      store.reminders.listNudgedUnits(workspace.id, period.id, today),
      store.reminders.countFailed(workspace.id),
    ]);
    return { period, reports, nudged: new Set(nudged), failedDeliveries };
  });
  if (!loaded) throw noNoticeError();
  if (!loaded.alongside) throw new UserError('unknown_period', `没有报送周期“${input.periodKey ?? ''}”。请从联想列表中选择。`);
  const { cycle } = loaded;
  const { today } = cycle;
  const { period, reports, nudged, failedDeliveries } = loaded.alongside;

  const due = dueReportsOf(cycle, period, reports).filter((d) => !d.voluntary);
  const name = (unitId: number) => cycle.units.get(unitId)?.name ?? String(unitId);
  const assigned = new Map<number, number>();
  for (const d of due) assigned.set(d.unitId, (assigned.get(d.unitId) ?? 0) + 1);

  const owed = owedByUnit(due) as Map<number, CycleDueReport[]>;
  const missing: UnitStatus[] = [...owed.entries()]
    .map(([unitId, list]) => ({
      unitId,
      name: name(unitId),
      owed: list.map(toOwedTask),
      assigned: assigned.get(unitId) ?? list.length,
      nudgedToday: nudged.has(unitId),
      overdue: list.some((d) => isOverdue(d, today)),
    }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.owed.length - a.owed.length || a.name.localeCompare(b.name, 'zh-CN'));

  const overdueByTask = new Map<number, { seq: number; label: string; title: string; units: string[] }>();
  for (const d of due) {
    if (!isOverdue(d, today)) continue;
    const entry = overdueByTask.get(d.task.id) ?? { seq: d.task.seq, label: d.task.label, title: d.task.title, units: [] };
    entry.units.push(name(d.unitId));
    overdueByTask.set(d.task.id, entry);
  }
  const blockedTasks = due
    .filter((d) => d.standing === 'reported' && d.report?.status === 'blocked' && d.task.state === 'open')
    .map((d) => ({ seq: d.task.seq, label: d.task.label, title: d.task.title, unitName: name(d.unitId), text: d.report?.text ?? '' }));
  return {
    year: cycle.year,
    period,
    periods: cycle.periods,
    today,
    missing,
    reportedUnits: assigned.size - missing.length,
    totalUnits: assigned.size,
    overdueTasks: [...overdueByTask.values()].sort((a, b) => a.seq - b.seq),
    blockedTasks,
    leaderlessTasks: cycle.tasks.filter((t) => t.state === 'open' && !hasLead(t)).map((t) => ({ seq: t.seq, label: t.label, title: t.title })),
    failedDeliveries,
  };
}
