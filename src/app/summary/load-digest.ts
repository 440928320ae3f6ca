import { toLocalDate } from '../../domain/calendar/index.js';
import { buildDigest, type Digest, type ReportSection, type ReportTask } from '../../domain/reports/index.js';
import type { AppContext } from '../context.js';
import { ensureReportingPeriods, periodAt } from '../periods/reporting-periods.js';
import { loadPeriodActivity, loadScoringBase, loadScoringWorkspace } from '../ranking/scoring-data.js';

export interface DigestView {
  digest: Digest;
  workspaceName: string;
  periodLabel: string;
}

/**
 * The leaders' digest as of now: the current reporting period's tasks and reports, new ones since
 * `since`. Loaded with the ranking's set-based reads, so it costs the same whatever the size.
 */
export async function loadDigest(ctx: AppContext, workspaceId: number, since: Date): Promise<DigestView | null> {
  const workspace = await loadScoringWorkspace(ctx.db, workspaceId);
  const row = await ctx.db.selectFrom('workspaces').select(['id', 'reporting_cadence']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  const now = ctx.clock.now();
  const today = toLocalDate(now, workspace.timeZone);
  const year = Number(today.slice(0, 4));
  const period = periodAt(await ensureReportingPeriods(ctx.db, row, year), today);
  if (!period) return null;
  const [base, activity] = await Promise.all([loadScoringBase(ctx.db, workspace, year), loadPeriodActivity(ctx.db, workspaceId, [period.id], { withText: true })]);
  const sectionNo = new Map<string, number>();
  for (const task of base.tasks) if (task.sectionTitle && !sectionNo.has(task.sectionTitle)) sectionNo.set(task.sectionTitle, sectionNo.size + 1);
  const sections: ReportSection[] = [...sectionNo].map(([title, no]) => ({ id: title, no, title }));
  // Leaders read the state of the work in force now, so every live task with units counts.
  const tasks: ReportTask[] = base.tasks
    .filter((task) => task.units.length > 0)
    .map((task) => ({
      id: String(task.id),
      sectionId: task.sectionTitle,
      label: task.label,
      title: task.title,
      dueDate: task.dueDate,
      closed: task.state === 'closed',
      units: task.units.map((unit) => ({ unitId: String(unit.unitId), role: unit.role })),
    }));
  const digest = buildDigest({
    since,
    now,
    timeZone: workspace.timeZone,
    periodDueDate: period.due_date,
    sections,
    tasks,
    units: base.units.map((unit) => ({ id: String(unit.id), name: unit.name })),
    // A report sent back (退回) is owed again: it is not what the unit stands by.
    reports: activity.reports.filter((r) => !r.sentBack).map((r) => ({ taskId: r.taskId, unitId: r.unitId, status: r.status, percent: r.percent, text: r.text ?? '', submittedAt: r.submittedAt, late: r.late })),
  });
  return { digest, workspaceName: workspace.name, periodLabel: `${period.label}(截止 ${period.due_date})` };
}

/** The default start of a digest with no earlier one: a week back. */
export function weekBefore(now: Date): Date {
  return new Date(now.getTime() - 7 * 24 * 3600 * 1000);
}
