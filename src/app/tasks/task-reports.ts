import type { DbOrTx } from '../../db/database.js';
import type { ProgressStatus } from '../../db/tables/index.js';
import { groupTaskReports, type TaskReportView, type UnitReportRef } from '../../domain/progress/index.js';

export interface UnitReport extends UnitReportRef {
  unitName: string;
  revision: number;
  sentBack: string | null;
}

export interface TaskReports {
  periodLabel: string;
  view: TaskReportView<UnitReport>;
  names: Map<string, string>;
}

/**
 * The task's reports in the latest period anyone reported in, with the supporting units'
 * contributions gathered under the lead's (collective names expanded to their members).
 */
export async function loadTaskReports(db: DbOrTx, taskId: number): Promise<TaskReports | null> {
  const latest = await db
    .selectFrom('progress_reports')
    .innerJoin('reporting_periods', 'reporting_periods.id', 'progress_reports.period_id')
    .select(['reporting_periods.id', 'reporting_periods.label'])
    .where('progress_reports.task_id', '=', taskId)
    .orderBy('reporting_periods.starts_on', 'desc')
    .executeTakeFirst();
  if (!latest) return null;
  const direct = await db
    .selectFrom('task_units')
    .innerJoin('units', 'units.id', 'task_units.unit_id')
    .select(['units.id', 'units.name', 'task_units.role', 'task_units.position'])
    .where('task_units.task_id', '=', taskId)
    .execute();
  const members = await db
    .selectFrom('task_units')
    .innerJoin('collective_members', 'collective_members.collective_id', 'task_units.collective_id')
    .innerJoin('units', 'units.id', 'collective_members.unit_id')
    .select(['units.id', 'units.name', 'task_units.role', 'task_units.position'])
    .where('task_units.task_id', '=', taskId)
    .execute();
  const seen = new Set<number>();
  const units = [...direct, ...members]
    .sort((a, b) => a.position - b.position)
    .filter((u) => !seen.has(u.id) && seen.add(u.id));
  const names = new Map(units.map((u) => [String(u.id), u.name]));
  const reports = await db
    .selectFrom('progress_reports')
    .innerJoin('units', 'units.id', 'progress_reports.unit_id')
    .select(['progress_reports.unit_id', 'units.name', 'progress_reports.status', 'progress_reports.body', 'progress_reports.percent', 'progress_reports.last_submitted_at', 'progress_reports.late', 'progress_reports.revision', 'progress_reports.sent_back_reason'])
    .where('progress_reports.task_id', '=', taskId)
    .where('progress_reports.period_id', '=', latest.id)
    .execute();
  const view = groupTaskReports(
    units.map((u) => ({ unitId: String(u.id), role: u.role })),
    reports.map((r) => ({
      unitId: String(r.unit_id),
      unitName: r.name,
      status: r.status as ProgressStatus,
      text: r.body,
      percent: r.percent,
      submittedAt: r.last_submitted_at,
      late: r.late,
      revision: r.revision,
      sentBack: r.sent_back_reason,
    })),
  );
  return { periodLabel: latest.label, view, names };
}
