/**
 * Every table of a workspace, in the order a restore inserts them (parents before children).
 * `scope` is the column that ties a row to its workspace. A table that is neither here nor in
 * `tablesNotExported` makes export and restore refuse, so a new table cannot be left out unnoticed.
 */
export const exportedTables = [
  { name: 'workspaces', scope: 'id' },
  { name: 'units', scope: 'workspace_id' },
  { name: 'unit_aliases', scope: 'workspace_id' },
  { name: 'collective_names', scope: 'workspace_id' },
  { name: 'collective_members', scope: 'workspace_id' },
  { name: 'liaisons', scope: 'workspace_id' },
  { name: 'notices', scope: 'workspace_id' },
  { name: 'sections', scope: 'workspace_id' },
  { name: 'tasks', scope: 'workspace_id' },
  { name: 'task_units', scope: 'workspace_id' },
  { name: 'task_actions', scope: 'workspace_id' },
  { name: 'reporting_periods', scope: 'workspace_id' },
  { name: 'progress_reports', scope: 'workspace_id' },
  { name: 'progress_revisions', scope: 'workspace_id' },
  { name: 'evidence_files', scope: 'workspace_id' },
  { name: 'reminder_deliveries', scope: 'workspace_id' },
  { name: 'outbound_messages', scope: 'workspace_id' },
  { name: 'schedules', scope: 'workspace_id' },
  { name: 'summary_posts', scope: 'workspace_id' },
  { name: 'summary_subscribers', scope: 'workspace_id' },
  { name: 'ledger_revocations', scope: 'workspace_id' },
  { name: 'holiday_calendars', scope: 'workspace_id' },
  { name: 'score_adjustments', scope: 'workspace_id' },
  { name: 'ranking_snapshots', scope: 'workspace_id' },
  { name: 'audit_log', scope: 'workspace_id' },
] as const satisfies readonly { name: string; scope: string }[];

export type ExportedTableName = (typeof exportedTables)[number]['name'];

/** Tables left out on purpose, with the reason. */
export const tablesNotExported: Readonly<Record<string, string>> = {
  drafts: 'unconfirmed work in progress (an import preview) that expires within hours; the person starts it again',
  kysely_migration: 'the schema version, carried as the file’s `migrations` list instead',
  kysely_migration_lock: 'a lock row of the migrator',
};
