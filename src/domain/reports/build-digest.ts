import { diffDays, type LocalDate } from '../calendar/local-date.js';
import { toLocalDate } from '../calendar/zoned-time.js';
import { isTaskDueIn, owedByUnit, taskDeadline, type DueReport, type TaskRole } from '../cycle/index.js';
import type { ProgressStatus } from '../progress/progress-status.js';
import { compareNames, isTaskSettled, nameUnit, otherSectionTitle } from './report-helpers.js';
import type { NamedUnits, ReportSection, ReportTask } from './report-input.js';

export interface BuildDigestInput {
  /** Reports submitted (or revised) at or after this instant count as new. */
  readonly since: Date;
  readonly now: Date;
  readonly timeZone: string;
  /** The current reporting period: after its due date, units still owing a report are past due. */
  readonly period: { readonly id: number; readonly dueDate: LocalDate };
  readonly periods: readonly { readonly id: number; readonly dueDate: LocalDate }[];
  /** The year's live tasks; those not yet in force in the period are left out. */
  readonly tasks: readonly ReportTask[];
  /** listDueReports of the period, with the reports' text. */
  readonly dueReports: readonly DueReport[];
  readonly units: NamedUnits;
}

export interface DigestNewReport {
  readonly taskId: number;
  readonly taskLabel: string;
  readonly taskTitle: string;
  readonly unitId: number;
  readonly unitName: string;
  readonly status: ProgressStatus;
  readonly percent: number | null;
  readonly submittedAt: Date;
}

export interface DigestSectionCompletion {
  /** null for tasks outside any section (其他工作). */
  readonly sectionId: number | null;
  readonly title: string;
  readonly total: number;
  readonly done: number;
  /** Tasks whose lead has reported in the period (done ones included). */
  readonly reported: number;
  /** done / total, whole percent; 0 for an empty section. */
  readonly percentDone: number;
}

export interface DigestOverdueTask {
  readonly taskId: number;
  readonly label: string;
  readonly title: string;
  readonly dueDate: LocalDate;
  readonly daysOverdue: number;
  readonly leadUnitNames: readonly string[];
}

export interface DigestBlockedTask {
  readonly taskId: number;
  readonly label: string;
  readonly title: string;
  readonly reports: readonly { readonly unitId: number; readonly unitName: string; readonly text: string }[];
}

export interface DigestMissingUnit {
  readonly unitId: number;
  readonly name: string;
  readonly pendingTasks: readonly { readonly taskId: number; readonly label: string; readonly role: TaskRole }[];
}

export interface Digest {
  readonly since: Date;
  readonly until: Date;
  readonly today: LocalDate;
  /** True once the period's due date has passed: the missing-report list is then overdue. */
  readonly periodPastDue: boolean;
  readonly totals: {
    readonly tasks: number;
    readonly done: number;
    readonly newReports: number;
    readonly overdue: number;
    readonly blocked: number;
    readonly unitsNotReported: number;
  };
  readonly newReports: readonly DigestNewReport[];
  readonly completionBySection: readonly DigestSectionCompletion[];
  readonly overdueTasks: readonly DigestOverdueTask[];
  readonly blockedTasks: readonly DigestBlockedTask[];
  readonly unitsNotReported: readonly DigestMissingUnit[];
}

/**
 * The weekly digest for leaders, as data: what came in, how far each section is, what is stuck.
 * Who still owes a report is owedByUnit over the period's due reports — the same list /status shows.
 */
export function buildDigest(input: BuildDigestInput): Digest {
  const today = toLocalDate(input.now, input.timeZone);
  const tasks = input.tasks.filter((task) => task.state === 'closed' || isTaskDueIn(task, input.period, input.periods));
  const dueByTask = new Map<number, DueReport[]>();
  for (const due of input.dueReports) dueByTask.set(due.task.id, [...(dueByTask.get(due.task.id) ?? []), due]);
  const settled = new Map(tasks.map((task) => [task.id, isTaskSettled(task, dueByTask.get(task.id) ?? [])]));
  const standing = input.dueReports.filter((due) => due.standing === 'reported' && due.report);

  const newReports = standing
    .filter((due) => due.report!.submittedAt.getTime() >= input.since.getTime() && due.report!.submittedAt.getTime() <= input.now.getTime())
    .map((due) => ({
      taskId: due.task.id,
      taskLabel: due.task.label,
      taskTitle: due.task.title,
      unitId: due.unitId,
      unitName: nameUnit(input.units, due.unitId),
      status: due.report!.status,
      percent: due.report!.percent,
      submittedAt: due.report!.submittedAt,
    }))
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || compareNames(a.unitName, b.unitName));

  const overdueTasks = tasks.flatMap((task) => {
    const deadline = taskDeadline(task);
    if (deadline === null || deadline >= today || settled.get(task.id)) return [];
    const leads = (dueByTask.get(task.id) ?? []).filter((due) => due.role === 'lead');
    return [
      {
        taskId: task.id,
        label: task.label,
        title: task.title,
        dueDate: deadline,
        daysOverdue: diffDays(deadline, today),
        leadUnitNames: leads.map((due) => nameUnit(input.units, due.unitId)),
      },
    ];
  });

  const blockedTasks = tasks.flatMap((task) => {
    if (task.state === 'closed') return [];
    const blocked = (dueByTask.get(task.id) ?? []).filter((due) => due.standing === 'reported' && due.report?.status === 'blocked');
    if (blocked.length === 0) return [];
    return [
      {
        taskId: task.id,
        label: task.label,
        title: task.title,
        reports: blocked.map((due) => ({ unitId: due.unitId, unitName: nameUnit(input.units, due.unitId), text: due.report?.text ?? '' })),
      },
    ];
  });

  const unitsNotReported = [...owedByUnit(input.dueReports)]
    .map(([unitId, owed]) => ({
      unitId,
      name: nameUnit(input.units, unitId),
      pendingTasks: owed.map((due) => ({ taskId: due.task.id, label: due.task.label, role: due.role })),
    }))
    .sort((a, b) => compareNames(a.name, b.name) || a.unitId - b.unitId);

  return {
    since: input.since,
    until: input.now,
    today,
    periodPastDue: today > input.period.dueDate,
    totals: {
      tasks: tasks.length,
      done: [...settled.values()].filter(Boolean).length,
      newReports: newReports.length,
      overdue: overdueTasks.length,
      blocked: blockedTasks.length,
      unitsNotReported: unitsNotReported.length,
    },
    newReports,
    completionBySection: summariseSections(tasks, dueByTask, settled),
    overdueTasks,
    blockedTasks,
    unitsNotReported,
  };
}

function summariseSections(
  tasks: readonly ReportTask[],
  dueByTask: ReadonlyMap<number, DueReport[]>,
  settled: ReadonlyMap<number, boolean>,
): DigestSectionCompletion[] {
  const groups = new Map<number | null, { section: ReportSection | null; tasks: ReportTask[] }>();
  for (const task of tasks) {
    const key = task.section?.id ?? null;
    const group = groups.get(key) ?? { section: task.section, tasks: [] };
    group.tasks.push(task);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort((a, b) => (a.section?.no ?? Infinity) - (b.section?.no ?? Infinity))
    .map(({ section, tasks: grouped }) => {
      const done = grouped.filter((task) => settled.get(task.id)).length;
      const reported = grouped.filter(
        (task) => settled.get(task.id) || (dueByTask.get(task.id) ?? []).some((due) => due.role === 'lead' && due.standing === 'reported'),
      ).length;
      return {
        sectionId: section?.id ?? null,
        title: section?.title ?? otherSectionTitle,
        total: grouped.length,
        done,
        reported,
        percentDone: Math.round((done / grouped.length) * 100),
      };
    });
}
