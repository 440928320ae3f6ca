import { planReminders, yearOf, type PlannedReminder, type ReminderPlan } from '../../domain/calendar/index.js';
import type { Workspace } from '../../ports.js';
import { describeCalendarYears, loadWorkdayCalendar } from '../calendar/workspace-calendar.js';
import type { AppContext } from '../context.js';
import { readCadence, type StoredCadence } from '../cycle/reporting-cadence.js';
import { loadCycle } from '../cycle/load-cycle.js';
import { readReminderPlan } from './reminder-settings.js';

export interface ReminderOverviewData {
  plan: ReminderPlan;
  cadence: StoredCadence;
  period: { label: string; dueDate: string } | null;
  planned: PlannedReminder[];
  coverageNotices: string[];
  counts: { pending: number; sent: number; failed: number };
}

/** The plan as it stands, when the current period's reminders go, and what the holiday data lacks. */
export async function loadReminderOverview(ctx: AppContext, workspace: Workspace): Promise<ReminderOverviewData> {
  const plan = readReminderPlan(workspace);
  const cadence = readCadence(workspace.reporting_cadence);
  const calendar = await loadWorkdayCalendar(ctx.store, workspace.id);
  const cycle = await loadCycle(ctx.store, workspace, ctx.clock.now());
  const period = cycle?.current ?? null;
  const planned = period ? planReminders({ period: { dueDate: period.dueDate }, plan, calendar }) : [];
  const years = new Set([...(cycle ? [cycle.year] : []), ...planned.map((p) => yearOf(p.date))]);
  const counts = await ctx.store.reminders.countByStatus(workspace.id);
  return {
    plan,
    cadence,
    period: period && { label: period.label, dueDate: period.dueDate },
    planned,
    coverageNotices: describeCalendarYears(calendar, years),
    counts: { pending: counts.pending ?? 0, sent: counts.sent ?? 0, failed: counts.failed ?? 0 },
  };
}
