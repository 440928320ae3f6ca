import type { AuditLogTable, DraftsTable } from './audit.table.js';
import type { HolidayCalendarsTable, RankingSnapshotsTable, ReminderDeliveriesTable, SchedulesTable, ScoreAdjustmentsTable } from './delivery.table.js';
import type { OutboundMessagesTable } from './outbound.table.js';
import type { LedgerRevocationsTable, SummaryPostsTable, SummarySubscribersTable } from './summary.table.js';
import type { NoticesTable, SectionsTable, TaskActionsTable, TasksTable, TaskUnitsTable } from './notice.table.js';
import type { EvidenceFilesTable, ProgressReportsTable, ProgressRevisionsTable, ReportingPeriodsTable } from './progress.table.js';
import type { CollectiveMembersTable, CollectiveNamesTable, LiaisonsTable, UnitAliasesTable, UnitsTable } from './unit.table.js';
import type { WorkspacesTable } from './workspace.table.js';

export type * from './audit.table.js';
export type * from './delivery.table.js';
export type * from './notice.table.js';
export type * from './outbound.table.js';
export type * from './progress.table.js';
export type * from './summary.table.js';
export type * from './unit.table.js';
export type * from './workspace.table.js';

export interface Database {
  workspaces: WorkspacesTable;
  units: UnitsTable;
  unit_aliases: UnitAliasesTable;
  collective_names: CollectiveNamesTable;
  collective_members: CollectiveMembersTable;
  liaisons: LiaisonsTable;
  notices: NoticesTable;
  sections: SectionsTable;
  tasks: TasksTable;
  task_units: TaskUnitsTable;
  task_actions: TaskActionsTable;
  reporting_periods: ReportingPeriodsTable;
  progress_reports: ProgressReportsTable;
  progress_revisions: ProgressRevisionsTable;
  evidence_files: EvidenceFilesTable;
  reminder_deliveries: ReminderDeliveriesTable;
  outbound_messages: OutboundMessagesTable;
  schedules: SchedulesTable;
  summary_posts: SummaryPostsTable;
  summary_subscribers: SummarySubscribersTable;
  ledger_revocations: LedgerRevocationsTable;
  holiday_calendars: HolidayCalendarsTable;
  score_adjustments: ScoreAdjustmentsTable;
  ranking_snapshots: RankingSnapshotsTable;
  audit_log: AuditLogTable;
  drafts: DraftsTable;
}
