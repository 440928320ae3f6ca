import { buildDigest, type Digest } from '../../domain/reports/index.js';
import type { AppContext } from '../context.js';
import { loadDueReports } from '../cycle/due-reports.js';
import { loadCycle } from '../cycle/load-cycle.js';
import { toReportTask } from '../cycle/report-tasks.js';
import { requireWorkspace } from '../ranking/scoring-data.js';

export interface DigestView {
  digest: Digest;
  /** The district set in /setup, else the server's name. */
  workspaceName: string;
  periodLabel: string;
}

/**
 * The leaders' digest as of now: the current period of the workspace's cycle (the notice's year, not
 * the calendar's), with what is owed read from the same due reports as /status. Null before any notice.
 */
export async function loadDigest(ctx: AppContext, workspaceId: number, since: Date): Promise<DigestView | null> {
  const workspace = await requireWorkspace(ctx.store, workspaceId);
  const now = ctx.clock.now();
  const cycle = await loadCycle(ctx.store, workspace, now);
  const period = cycle?.current;
  if (!cycle || !period) return null;
  const dueReports = await loadDueReports(ctx.store, cycle, period, { withText: true });
  const digest = buildDigest({
    since,
    now,
    timeZone: workspace.time_zone,
    period,
    periods: cycle.periods,
    tasks: cycle.tasks.map(toReportTask),
    dueReports,
    units: cycle.units,
  });
  return { digest, workspaceName: workspace.region_name ?? workspace.name, periodLabel: `${period.label}(截止 ${period.dueDate})` };
}

/** The default start of a digest with no earlier one: a week back. */
export function weekBefore(now: Date): Date {
  return new Date(now.getTime() - 7 * 24 * 3600 * 1000);
}
