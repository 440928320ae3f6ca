import type { DbOrTx } from '../../db/database.js';
import type { ScoreQuarterInput } from '../../domain/ranking/index.js';
import {
  loadPeriodActivity,
  loadQuarterPeriods,
  loadScoringBase,
  loadScoringWorkspace,
  missingPeriodError,
  type PeriodActivity,
  type Quarter,
  type ReportRow,
  type ScoringBase,
  type ScoringPeriod,
  type ScoringWorkspace,
  type TaskInfo,
  type UnitInfo,
} from './scoring-data.js';

/** Everything one quarter's scoring reads: the domain's input plus what the tables around it show. */
export interface QuarterScoringData {
  readonly workspace: ScoringWorkspace;
  readonly period: ScoringPeriod;
  /** Pass to scoreQuarter as is. */
  readonly input: ScoreQuarterInput;
  /** The tasks scored this quarter, each with only the units scored on it. */
  readonly tasks: readonly TaskInfo[];
  readonly units: readonly UnitInfo[];
  /** This quarter's reports on the tasks scored, sent-back ones included (the ledger shows them; scoring does not count them). */
  readonly reports: readonly ReportRow[];
}

/** taskId → ids of the units that reported on it. */
function indexReporters(reports: readonly ReportRow[]): Map<string, Set<string>> {
  const byTask = new Map<string, Set<string>>();
  for (const report of reports) {
    const units = byTask.get(report.taskId) ?? new Set<string>();
    units.add(report.unitId);
    byTask.set(report.taskId, units);
  }
  return byTask;
}

/**
 * Who owes a report in the period: every open task's units (the reminders' rule), except on a task
 * that did not exist yet by the period's due date (imported or added later) or that a coordinator
 * closed (办结) by then. A report made anyway still counts, so nobody loses credit for work reported.
 */
function owesReport(task: TaskInfo, period: ScoringPeriod): boolean {
  return task.createdOn <= period.dueDate && (task.closedOn === null || task.closedOn > period.dueDate);
}

/** Builds one quarter's scoring input from data already loaded; pure, so rankYear can reuse the loads. */
export function assembleQuarterInput(base: ScoringBase, period: ScoringPeriod, activity: PeriodActivity): QuarterScoringData {
  const reports = activity.reports.filter((report) => report.periodId === period.id);
  // Consulted only for tasks nobody owes a report on (added or closed by the due date): built when first needed.
  let reporters: Map<string, Set<string>> | undefined;
  const tasks = base.tasks.flatMap((task) => {
    if (owesReport(task, period)) return task.units.length > 0 ? [task] : [];
    reporters ??= indexReporters(reports);
    const reported = reporters.get(String(task.id));
    const units = task.units.filter((unit) => reported?.has(String(unit.unitId)) ?? false);
    return units.length > 0 ? [{ ...task, units }] : [];
  });
  const taskIds = new Set(tasks.map((task) => String(task.id)));
  const ledgerReports = reports.filter((report) => taskIds.has(report.taskId));
  const scoredReports = ledgerReports.filter((report) => !report.sentBack);
  const input: ScoreQuarterInput = {
    rules: base.workspace.rules,
    units: base.units.map((unit) => ({ id: String(unit.id), name: unit.name, category: unit.category })),
    tasks: tasks.map((task) => ({
      id: String(task.id),
      label: task.label,
      dueDate: task.dueDate,
      units: task.units.map((unit) => ({ unitId: String(unit.unitId), role: unit.role })),
    })),
    reports: scoredReports,
    bonuses: activity.bonuses
      .filter((bonus) => bonus.periodId === period.id)
      .map((bonus) => ({ unitId: String(bonus.unitId), points: bonus.points, reason: bonus.reason })),
    periodDueDate: period.dueDate,
    timeZone: base.workspace.timeZone,
  };
  return { workspace: base.workspace, period, input, tasks, units: base.units, reports: ledgerReports };
}

/**
 * The domain's scoreQuarter input for one quarter (period key `${year}-Q${quarter}`), read from the
 * database in seven queries whatever the workspace's size; the reports' text only with `withReportText`. Throws a UserError when the workspace or
 * the quarter's reporting period does not exist.
 */
export async function loadQuarterScoringInput(
  db: DbOrTx,
  workspaceId: number,
  year: number,
  quarter: Quarter,
  options: { withReportText?: boolean } = {},
): Promise<QuarterScoringData> {
  const [workspace, periods] = await Promise.all([loadScoringWorkspace(db, workspaceId), loadQuarterPeriods(db, workspaceId, year, [quarter])]);
  const period = periods[0];
  if (!period) throw missingPeriodError(year, quarter);
  const [base, activity] = await Promise.all([loadScoringBase(db, workspace, year), loadPeriodActivity(db, workspaceId, [period.id], { withText: options.withReportText ?? false })]);
  return assembleQuarterInput(base, period, activity);
}
