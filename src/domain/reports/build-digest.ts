import { diffDays, type LocalDate } from '../calendar/local-date.js';
import { defaultTimeZone, toLocalDate } from '../calendar/zoned-time.js';
import type { ProgressStatus } from '../progress/progress-status.js';
import { compareNames, indexLatestReports, isTaskDone, nameUnit } from './report-helpers.js';
import type { ReportEntry, ReportSection, ReportTask, ReportUnit } from './report-input.js';

export interface BuildDigestInput {
  /** Reports submitted (or revised) at or after this instant count as new. */
  readonly since: Date;
  readonly now: Date;
  readonly timeZone?: string;
  /** The current reporting period's due date: after it, units still owing a report are past due. */
  readonly periodDueDate: LocalDate | null;
  readonly sections: readonly ReportSection[];
  /** The tasks reporting in the current period. */
  readonly tasks: readonly ReportTask[];
  readonly units: readonly ReportUnit[];
  /** The current period's reports. */
  readonly reports: readonly ReportEntry[];
}

export interface DigestNewReport {
  readonly taskId: string;
  readonly taskLabel: string;
  readonly taskTitle: string;
  readonly unitId: string;
  readonly unitName: string;
  readonly status: ProgressStatus;
  readonly percent: number | null;
  readonly submittedAt: Date;
}

export interface DigestSectionCompletion {
  /** null for tasks outside any section (其他工作). */
  readonly sectionId: string | null;
  readonly title: string;
  readonly total: number;
  readonly done: number;
  /** Tasks whose lead has reported in the period (done ones included). */
  readonly reported: number;
  /** done / total, whole percent; 0 for an empty section. */
  readonly percentDone: number;
}

export interface DigestOverdueTask {
  readonly taskId: string;
  readonly label: string;
  readonly title: string;
  readonly dueDate: LocalDate;
  readonly daysOverdue: number;
  readonly leadUnitNames: readonly string[];
}

export interface DigestBlockedTask {
  readonly taskId: string;
  readonly label: string;
  readonly title: string;
  readonly reports: readonly { readonly unitId: string; readonly unitName: string; readonly text: string }[];
}

export interface DigestMissingUnit {
  readonly unitId: string;
  readonly name: string;
  readonly pendingTasks: readonly { readonly taskId: string; readonly label: string; readonly role: 'lead' | 'support' }[];
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

const otherSectionTitle = '其他工作';

/** The weekly digest for leaders, as data: what came in, how far each section is, what is stuck. */
export function buildDigest(input: BuildDigestInput): Digest {
  const timeZone = input.timeZone ?? defaultTimeZone;
  const today = toLocalDate(input.now, timeZone);
  const units = new Map(input.units.map((unit) => [unit.id, unit]));
  const latest = indexLatestReports(input.reports);
  const tasksById = new Map(input.tasks.map((task) => [task.id, task]));
  const taskDone = new Map(input.tasks.map((task) => [task.id, isTaskDone(task, latest.get(task.id))]));

  const newReports = input.tasks
    .flatMap((task) =>
      [...(latest.get(task.id)?.values() ?? [])]
        .filter((report) => report.submittedAt.getTime() >= input.since.getTime() && report.submittedAt.getTime() <= input.now.getTime())
        .map((report) => ({
          taskId: task.id,
          taskLabel: task.label,
          taskTitle: task.title,
          unitId: report.unitId,
          unitName: nameUnit(units, report.unitId),
          status: report.status,
          percent: report.percent,
          submittedAt: report.submittedAt,
        })),
    )
    .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || compareNames(a.unitName, b.unitName));

  const overdueTasks = input.tasks
    .filter((task): task is ReportTask & { dueDate: LocalDate } => task.dueDate !== null && task.dueDate < today && !taskDone.get(task.id))
    .map((task) => ({
      taskId: task.id,
      label: task.label,
      title: task.title,
      dueDate: task.dueDate,
      daysOverdue: diffDays(task.dueDate, today),
      leadUnitNames: task.units.filter((u) => u.role === 'lead').map((u) => nameUnit(units, u.unitId)),
    }));

  const blockedTasks = input.tasks.flatMap((task) => {
    const blocked = [...(latest.get(task.id)?.values() ?? [])].filter((report) => report.status === 'blocked');
    if (blocked.length === 0 || task.closed) return [];
    return [
      {
        taskId: task.id,
        label: task.label,
        title: task.title,
        reports: blocked.map((report) => ({ unitId: report.unitId, unitName: nameUnit(units, report.unitId), text: report.text })),
      },
    ];
  });

  const unitsNotReported = listMissingUnits(input.tasks, latest, units);
  const completionBySection = summariseSections(input.sections, input.tasks, tasksById, taskDone, latest);

  return {
    since: input.since,
    until: input.now,
    today,
    periodPastDue: input.periodDueDate !== null && today > input.periodDueDate,
    totals: {
      tasks: input.tasks.length,
      done: [...taskDone.values()].filter(Boolean).length,
      newReports: newReports.length,
      overdue: overdueTasks.length,
      blocked: blockedTasks.length,
      unitsNotReported: unitsNotReported.length,
    },
    newReports,
    completionBySection,
    overdueTasks,
    blockedTasks,
    unitsNotReported,
  };
}

/** 未报送名单: units owing a report on an open task, by name. */
function listMissingUnits(
  tasks: readonly ReportTask[],
  latest: ReadonlyMap<string, ReadonlyMap<string, ReportEntry>>,
  units: ReadonlyMap<string, ReportUnit>,
): DigestMissingUnit[] {
  const pending = new Map<string, DigestMissingUnit['pendingTasks'][number][]>();
  for (const task of tasks) {
    if (task.closed) continue;
    for (const { unitId, role } of task.units) {
      if (latest.get(task.id)?.has(unitId)) continue;
      pending.set(unitId, [...(pending.get(unitId) ?? []), { taskId: task.id, label: task.label, role }]);
    }
  }
  return [...pending]
    .map(([unitId, pendingTasks]) => ({ unitId, name: nameUnit(units, unitId), pendingTasks }))
    .sort((a, b) => compareNames(a.name, b.name) || (a.unitId < b.unitId ? -1 : 1));
}

function summariseSections(
  sections: readonly ReportSection[],
  tasks: readonly ReportTask[],
  tasksById: ReadonlyMap<string, ReportTask>,
  taskDone: ReadonlyMap<string, boolean>,
  latest: ReadonlyMap<string, ReadonlyMap<string, ReportEntry>>,
): DigestSectionCompletion[] {
  const known = new Set(sections.map((section) => section.id));
  const groups: { sectionId: string | null; title: string; taskIds: string[] }[] = [...sections]
    .sort((a, b) => a.no - b.no)
    .map((section) => ({ sectionId: section.id, title: section.title, taskIds: [] }));
  const other = { sectionId: null, title: otherSectionTitle, taskIds: [] as string[] };
  const bySection = new Map(groups.map((group) => [group.sectionId, group]));
  for (const task of tasks) {
    const group = task.sectionId !== null && known.has(task.sectionId) ? bySection.get(task.sectionId) : undefined;
    (group ?? other).taskIds.push(task.id);
  }
  if (other.taskIds.length > 0) groups.push(other);
  return groups
    .filter((group) => group.taskIds.length > 0)
    .map((group) => {
      const done = group.taskIds.filter((id) => taskDone.get(id)).length;
      const reported = group.taskIds.filter((id) => {
        const task = tasksById.get(id);
        const lead = task?.units.find((u) => u.role === 'lead');
        return taskDone.get(id) || (lead !== undefined && (latest.get(id)?.has(lead.unitId) ?? false));
      }).length;
      return {
        sectionId: group.sectionId,
        title: group.title,
        total: group.taskIds.length,
        done,
        reported,
        percentDone: Math.round((done / group.taskIds.length) * 100),
      };
    });
}
