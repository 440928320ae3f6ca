export { currentPeriod, periodsToAssess, pickCycleYear } from './current-period.js';
export { extendedPeriodOf, reportDueDate, taskDeadline } from './due-dates.js';
export { isOverdue, isTaskDueIn, listDueReports, owedByUnit, owesReport, reportStanding, type DueReport, type ReportStanding } from './due-reports.js';
export { assignmentsOf, hasLead, roleOf, type Assignment } from './task-role.js';
export type { CyclePeriod, CycleTask, Listing, ReportRating, ReportState, TaskRole, TaskState } from './types.js';
export { findSilentTaskWarnings, hasSilentTaskWarnings, type SilentTaskWarnings, type WarningDirectory, type WarningTask } from './silent-task-warnings.js';
export {
  countLights,
  dueSoonFrom,
  ledgerLight,
  ledgerLightLabels,
  lightReasonLabels,
  type LedgerLight,
  type LightInput,
  type LightReason,
} from './ledger-light.js';
