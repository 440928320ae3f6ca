import type { LocalDate } from '../calendar/local-date.js';
import { reportDueDate } from './due-dates.js';
import { assignmentsOf, hasLead } from './task-role.js';
import { groupBy, groupByTask, TaskReportLookup } from './task-report-lookup.js';
import type { CyclePeriod, CycleTask, ReportState, TaskRole } from './types.js';

/** Where a due report stands: in, sent back for more (owed again), or not sent. */
export type ReportStanding = 'reported' | 'sent_back' | 'missing';

/** One report a unit owes on a task in a period, with what it has sent so far. */
export interface DueReport {
  readonly task: CycleTask;
  readonly period: CyclePeriod;
  readonly unitId: number;
  readonly role: TaskRole;
  /** False when the unit answers for the task only through a collective name. */
  readonly direct: boolean;
  /** When the report is due: the period's due date, or an extension's. */
  readonly dueDate: LocalDate;
  readonly report: ReportState | null;
  readonly standing: ReportStanding;
  /**
   * The task did not ask for a report in the period (closed before, or not yet in force), but the
   * unit reported anyway: the report counts, the silence of others does not.
   */
  readonly voluntary: boolean;
}

type PeriodDates = Pick<CyclePeriod, 'id' | 'dueDate'>;

/**
 * Whether a task asks its units for a report in a period: it has a lead unit answering for it (a
 * task without one asks nobody, supporting units included, until a coordinator names one with
 * /task edit), it is in force by the period's due date (a task added in the third quarter asks
 * nothing for the first), and it was not closed (办结) by the day the report falls due. Retired
 * tasks are not loaded at all.
 */
export function isTaskDueIn(task: CycleTask, period: PeriodDates, periods: readonly PeriodDates[]): boolean {
  if (!hasLead(task)) return false;
  if (task.inForceFrom !== null && task.inForceFrom > period.dueDate) return false;
  if (task.state === 'closed' && task.closedOn !== null && task.closedOn <= reportDueDate(task, period, periods)) return false;
  return true;
}

/** Where a unit's report stands: a sent-back report is owed again. */
export function reportStanding(report: ReportState | null): ReportStanding {
  if (!report) return 'missing';
  return report.sentBack ? 'sent_back' : 'reported';
}

/** A unit's reports on a task in one period: the last listed stands (storage keeps one). */
const lastListed = (): boolean => true;

/**
 * Every report due in a period: one per task that asks for reports in it and unit answering for that
 * task (its role decided by assignmentsOf), in task order and the task's unit order. This is the one
 * answer to "who owes what, by when" that reminders, /status, /progress, ranking, the digest, the
 * report and the ledger all read.
 */
export function listDueReports(input: {
  readonly tasks: readonly CycleTask[];
  readonly period: CyclePeriod;
  readonly periods: readonly CyclePeriod[];
  /** Reports of this period (others are ignored). */
  readonly reports: readonly ReportState[];
}): DueReport[] {
  const { period, periods } = input;
  const reports = groupByTask(input.reports, (report) => report.periodId === period.id);
  const lookup = new TaskReportLookup<ReportState>(lastListed);
  const due: DueReport[] = [];
  for (const task of input.tasks) {
    const asked = isTaskDueIn(task, period, periods);
    const dueDate = reportDueDate(task, period, periods);
    lookup.use(reports.get(task.id));
    for (const assignment of assignmentsOf(task.listings)) {
      const report = lookup.find(assignment.unitId) ?? null;
      const standing = reportStanding(report);
      if (!asked && standing !== 'reported') continue;
      due.push({ task, period, unitId: assignment.unitId, role: assignment.role, direct: assignment.direct, dueDate, report, standing, voluntary: !asked });
    }
  }
  return due;
}

/** The unit still owes this report: nothing sent, or sent back. */
export function owesReport(due: Pick<DueReport, 'standing'>): boolean {
  return due.standing !== 'reported';
}

/** Owed and past its due date (a report on the due date itself is on time). */
export function isOverdue(due: Pick<DueReport, 'standing' | 'dueDate'>, today: LocalDate): boolean {
  return owesReport(due) && due.dueDate < today;
}

/** What each unit still owes, lead tasks first, then in task order: the 未报送名单 and the reminders' lists. */
export function owedByUnit(dueReports: readonly DueReport[]): Map<number, DueReport[]> {
  const byUnit = groupBy(dueReports, (due) => due.unitId, owesReport);
  for (const list of byUnit.values()) list.sort((a, b) => Number(a.role !== 'lead') - Number(b.role !== 'lead') || a.task.seq - b.task.seq);
  return byUnit;
}
