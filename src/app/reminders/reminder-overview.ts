import type { Workspace } from '../../db/repositories/workspace.repository.js';
import { planReminders, toLocalDate, yearOf, type PlannedReminder, type ReminderPlan } from '../../domain/calendar/index.js';
import { describeCalendarYears, loadWorkdayCalendar } from '../calendar/workspace-calendar.js';
import type { AppContext } from '../context.js';
import { readCadence, type StoredCadence } from '../periods/reporting-cadence.js';
import { ensureReportingPeriods, periodAt } from '../periods/reporting-periods.js';
import { currentYear } from '../tasks/task-queries.js';
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
  const calendar = await loadWorkdayCalendar(ctx.db, workspace.id);
  const year = await currentYear(ctx.db, workspace.id);
  const today = toLocalDate(ctx.clock.now(), plan.timeZone);
  const periods = year === null ? [] : await ensureReportingPeriods(ctx.db, workspace, year);
  const period = periodAt(periods, today) ?? null;
  const planned = period ? planReminders({ period: { dueDate: period.due_date }, plan, calendar }) : [];
  const years = new Set([...(year !== null ? [year] : []), ...planned.map((p) => yearOf(p.date))]);
  const rows = await ctx.db
    .selectFrom('reminder_deliveries')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('workspace_id', '=', workspace.id)
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  return {
    plan,
    cadence,
    period: period && { label: period.label, dueDate: period.due_date },
    planned,
    coverageNotices: describeCalendarYears(calendar, years),
    counts: { pending: count('pending'), sent: count('sent'), failed: count('failed') },
  };
}
