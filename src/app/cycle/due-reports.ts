import { listDueReports, owedByUnit, type DueReport, type ReportState, type TaskRole } from '../../domain/cycle/index.js';
import type { PeriodRecord, Repositories, TaskRecord } from '../../ports.js';
import type { Cycle } from './load-cycle.js';

/** A due report of a cycle's task: the task as the views show it. */
export type CycleDueReport = DueReport & { readonly task: TaskRecord; readonly period: PeriodRecord };

/** Every report due in the period with what was sent (listDueReports over the cycle). */
export async function loadDueReports(store: Repositories, cycle: Cycle, period: PeriodRecord, options: PeriodReportOptions = {}): Promise<CycleDueReport[]> {
  return dueReportsOf(cycle, period, await readPeriodReports(store, cycle.workspace.id, period, options));
}

export interface PeriodReportOptions {
  /** Read each report's text (cut to textLimit characters, 500 by default). */
  withText?: boolean;
  textLimit?: number;
}

/** The reports sent in a period, to read alongside the cycle (loadCycleWith) and pass to dueReportsOf. */
export function readPeriodReports(store: Repositories, workspaceId: number, period: PeriodRecord, options: PeriodReportOptions = {}): Promise<ReportState[]> {
  return store.cycle.loadReports(workspaceId, {
    periodIds: [period.id],
    ...(options.withText ? { withText: true, textLimit: options.textLimit ?? 500 } : {}),
  });
}

/** loadDueReports over reports already read. */
export function dueReportsOf(cycle: Cycle, period: PeriodRecord, reports: readonly ReportState[]): CycleDueReport[] {
  return listDueReports({ tasks: cycle.tasks, period, periods: cycle.periods, reports }) as CycleDueReport[];
}

/**
 * What some units owe in a period, read for those units only (a reminder, a nudge, a 填报进展 button):
 * the same rule as loadDueReports, without loading the whole workspace.
 */
export async function loadOwedByUnits(
  store: Repositories,
  input: { workspaceId: number; period: PeriodRecord; periods: readonly PeriodRecord[]; unitIds: readonly number[] },
): Promise<Map<number, CycleDueReport[]>> {
  const { workspaceId, period, periods, unitIds } = input;
  const [tasks, reports] = await Promise.all([
    store.cycle.loadTasks(workspaceId, period.year, { unitIds }),
    store.cycle.loadReports(workspaceId, { periodIds: [period.id], unitIds }),
  ]);
  return owedByUnit(listDueReports({ tasks, period, periods, reports })) as Map<number, CycleDueReport[]>;
}

/** A task a unit still owes, as messages list it. */
export interface OwedTask {
  readonly taskId: number;
  readonly seq: number;
  readonly no: number;
  readonly label: string;
  readonly title: string;
  readonly role: TaskRole;
  readonly dueDate: string;
  /** The coordinator sent the unit's report back (退回): the reason, else null. */
  readonly sentBackReason: string | null;
}

export function toOwedTask(due: CycleDueReport): OwedTask {
  const { task } = due;
  return {
    taskId: task.id,
    seq: task.seq,
    no: task.no,
    label: task.label,
    title: task.title,
    role: due.role,
    dueDate: due.dueDate,
    sentBackReason: due.standing === 'sent_back' ? (due.report?.sentBackReason ?? '') : null,
  };
}
