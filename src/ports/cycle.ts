import type { ReportingPeriod } from '../domain/calendar/index.js';
import type { ReportState } from '../domain/cycle/index.js';
import type { PeriodRecord, TaskRecord, TaskUnitName, UnitRef } from './records.js';

/** What the cycle's rules read: tasks with who answers for them, periods, reports. */
export interface CycleStore {
  /** Years that have a notice in force, ascending. */
  listNoticeYears(workspaceId: number): Promise<number[]>;
  /**
   * The year's live tasks in seq order, each with every listing of an active unit — collective names
   * expanded to their members in the same query. With `unitIds`: only the tasks naming those units,
   * each with only their listings (enough to decide their roles, see assignmentsOf).
   */
  loadTasks(workspaceId: number, year: number, options?: { taskIds?: readonly number[]; unitIds?: readonly number[] }): Promise<TaskRecord[]>;
  /** The current state of the reports in these periods; the text (cut to `textLimit`) only when asked. */
  loadReports(
    workspaceId: number,
    options: { periodIds: readonly number[]; taskIds?: readonly number[]; unitIds?: readonly number[]; withText?: boolean; textLimit?: number },
  ): Promise<ReportState[]>;
  /** The text (cut to `textLimit`) of these units' reports on these tasks in a period, keyed `taskId:unitId`. */
  loadReportTexts(
    workspaceId: number,
    periodId: number,
    reports: readonly { taskId: number; unitId: number }[],
    textLimit: number,
  ): Promise<Map<string, string>>;
  /**
   * Active units: an inactive unit answers for nothing. With `taskIds`, only those that can answer for
   * these tasks (named on them, or members of a collective named on them).
   */
  listActiveUnits(workspaceId: number, options?: { taskIds?: readonly number[] }): Promise<UnitRef[]>;
  /** The names on each task as written (units and collective names, not expanded), in the notice's order. */
  listTaskUnitNames(taskIds: readonly number[]): Promise<Map<number, TaskUnitName[]>>;
}

export interface PeriodStore {
  /** The year's periods in order. */
  list(workspaceId: number, year: number): Promise<PeriodRecord[]>;
  /** One period; `lock: 'share'` holds it against being closed until the transaction ends. */
  find(workspaceId: number, periodId: number, options?: { lock?: 'share' | 'update' }): Promise<PeriodRecord | undefined>;
  /** Adds the periods that are not there yet (by key). */
  insertMissing(workspaceId: number, year: number, periods: readonly ReportingPeriod[]): Promise<void>;
  /** Removes the year's open periods not among `keepKeys` that nothing refers to (no report, no reminder sent). */
  removeUnused(workspaceId: number, year: number, keepKeys: readonly string[]): Promise<void>;
  close(periodId: number, at: Date, by: string): Promise<PeriodRecord>;
}
