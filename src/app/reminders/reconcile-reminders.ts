import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { findWorkspaceById } from '../../db/repositories/workspace.repository.js';
import type { ReminderAudience, ReminderStage } from '../../db/tables/index.js';
import { planReminders, yearOf, type PlannedReminder } from '../../domain/calendar/index.js';
import type { ScheduledDelivery } from '../../ports.js';
import { describeCalendarYears, loadWorkdayCalendar } from '../calendar/workspace-calendar.js';
import type { AppContext } from '../context.js';
import { ensureReportingPeriods, type PeriodRow } from '../periods/reporting-periods.js';
import { currentYear } from '../tasks/task-queries.js';
import { newNonce, reminderJobId } from './delivery-ids.js';
import { createOutboundMessage } from './outbound-messages.js';
import { readReminderPlan } from './reminder-settings.js';
import { dueDateOfOccasion, loadUnitAssignments, occasionOf } from './waiting-tasks.js';

/** A stage whose time passed this long ago is not sent late any more: the next stage will come. */
export const CATCH_UP_MS = 12 * 60 * 60 * 1000;
/** Periods are planned this far ahead; the daily reconcile picks up later ones as time passes. */
export const PLAN_AHEAD_MS = 45 * 24 * 60 * 60 * 1000;
/** Namespace of the advisory lock that serialises reconciles of one workspace across processes. */
const RECONCILE_LOCK = 7_305_001;

export interface ReconcileResult {
  year: number | null;
  periods: string[];
  inserted: number;
  moved: number;
  cancelled: number;
  skipped: number;
  scheduled: number;
  /** What to tell the coordinator about holiday data (years without it fall back to weekends). */
  coverageNotices: string[];
}

interface Desired {
  unitId: number;
  periodId: number;
  stage: ReminderStage;
  occasion: string;
  fireAt: Date;
  audience: ReminderAudience;
}

interface Plan {
  desired: Map<string, Desired>;
  /** Keys whose time passed without being sent: pending rows for them are skipped as missed. */
  stale: Set<string>;
  inScope: PeriodRow[];
  years: Set<number>;
}

const keyOf = (unitId: number, periodId: number, stage: string, occasion: string) => `${unitId}|${periodId}|${stage}|${occasion}`;

/**
 * Brings a workspace's reminder ledger and queue in line with its notice, plan, calendar and task
 * actions: new reminders are added, pending ones move when their time changes, ones no longer
 * wanted are cancelled, ones already sent are never touched. Safe to run any number of times.
 */
export async function reconcileReminders(ctx: AppContext, workspaceId: number): Promise<ReconcileResult> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${RECONCILE_LOCK}, ${workspaceId})`.execute(trx);
    const workspace = await findWorkspaceById(trx, workspaceId);
    const result: ReconcileResult = { year: null, periods: [], inserted: 0, moved: 0, cancelled: 0, skipped: 0, scheduled: 0, coverageNotices: [] };
    const cancelledJobs: string[] = [];
    const outboundIds: number[] = [];
    if (!workspace) return { result, toSchedule: [] as ScheduledDelivery[], moved: [] as number[], cancelledJobs, outboundIds };
    const year = await currentYear(trx, workspaceId);
    result.year = year;
    const periods = year === null ? [] : await ensureReportingPeriods(trx, workspace, year);
    cancelledJobs.push(...(await cancelClosed(trx, workspaceId)));
    if (year === null) return { result, toSchedule: [], moved: [], cancelledJobs, outboundIds };

    const plan = readReminderPlan(workspace);
    const calendar = await loadWorkdayCalendar(trx, workspaceId);
    const assignments = await loadUnitAssignments(trx, workspaceId, year);
    const planned = planPeriods(periods, assignments, now, (dueDate) => planReminders({ period: { dueDate }, plan, calendar }));
    result.periods = planned.inScope.map((p) => p.key);
    result.coverageNotices = describeCalendarYears(calendar, planned.years);

    const applied = await applyPlan(trx, workspaceId, planned, now);
    Object.assign(result, { inserted: applied.inserted, moved: applied.moved.length, cancelled: applied.cancelled, skipped: applied.skipped });
    cancelledJobs.push(...applied.cancelledJobs);

    for (const notice of result.coverageNotices) {
      const coverageYear = Number(notice.slice(0, 4));
      if (calendar.coverage(coverageYear) !== 'weekends-only' || !(workspace.escalation_channel_id ?? workspace.summary_channel_id)) continue;
      const id = await createOutboundMessage(trx, {
        workspaceId,
        kind: 'calendar_coverage',
        dedupeKey: `coverage-${coverageYear}`,
        audience: 'coordinators',
        unitId: null,
        payload: { title: `${coverageYear}年节假日数据缺失`, lines: [notice], tone: 'warning' },
      });
      if (id !== undefined) outboundIds.push(id);
    }
    const periodKeys = new Map(periods.map((p) => [p.id, p.key]));
    const pending = await trx
      .selectFrom('reminder_deliveries')
      .select(['id', 'workspace_id', 'unit_id', 'period_id', 'stage', 'occasion', 'fire_at'])
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'pending')
      .where('stage', '!=', 'nudge')
      .where(
        'period_id',
        'in',
        planned.inScope.map((p) => p.id).concat([-1]),
      )
      .execute();
    const toSchedule: ScheduledDelivery[] = pending.map((row) => ({
      deliveryId: row.id,
      jobId: reminderJobId(row, periodKeys.get(row.period_id) ?? String(row.period_id)),
      fireAt: row.fire_at,
      lane: 'bulk',
    }));
    result.scheduled = toSchedule.length;
    return { result, toSchedule, moved: applied.moved, cancelledJobs, outboundIds };
  });

  // After commit: the queue only ever points at rows that exist. A job added twice is added once.
  const scheduler = ctx.scheduler;
  if (scheduler) {
    if (outcome.cancelledJobs.length) await scheduler.cancelReminders(outcome.cancelledJobs);
    if (outcome.toSchedule.length) await scheduler.scheduleReminders(outcome.toSchedule, { moved: outcome.moved });
    for (const id of outcome.outboundIds) await scheduler.enqueueOutbound(id);
  }
  ctx.logger.debug({ workspaceId, ...outcome.result }, 'reminders reconciled');
  return outcome.result;
}

/** Which stages each unit should get, per period in scope, and which passed unsent. */
function planPeriods(
  periods: PeriodRow[],
  assignments: Map<number, { taskId: number; extendedDueDate: string | null }[]>,
  now: Date,
  planFor: (dueDate: string) => PlannedReminder[],
): Plan {
  const cache = new Map<string, PlannedReminder[]>();
  const cachedPlan = (dueDate: string) => {
    let found = cache.get(dueDate);
    if (!found) cache.set(dueDate, (found = planFor(dueDate)));
    return found;
  };
  const plan: Plan = { desired: new Map(), stale: new Set(), inScope: [], years: new Set() };
  const nowMs = now.getTime();
  for (const period of periods) {
    if (period.closed_at !== null) continue;
    const occasionsByUnit = new Map<number, Set<string>>();
    for (const [unitId, tasks] of assignments) occasionsByUnit.set(unitId, new Set(tasks.map((t) => occasionOf(t, period.due_date))));
    const allOccasions = new Set([...occasionsByUnit.values()].flatMap((set) => [...set]));
    allOccasions.add('');
    const fires = [...allOccasions].flatMap((o) => cachedPlan(dueDateOfOccasion(o, period.due_date)).map((r) => r.fireAt.getTime()));
    const inWindow = fires.some((t) => t >= nowMs - CATCH_UP_MS) && Math.min(...fires) <= nowMs + PLAN_AHEAD_MS;
    if (!inWindow) continue;
    plan.inScope.push(period);
    for (const [unitId, occasions] of occasionsByUnit) {
      for (const occasion of occasions) {
        const reminders = cachedPlan(dueDateOfOccasion(occasion, period.due_date));
        const passed = reminders.filter((r) => r.fireAt.getTime() <= nowMs);
        const latestPassed = passed.at(-1);
        for (const reminder of reminders) {
          const key = keyOf(unitId, period.id, reminder.stage, occasion);
          const fire = reminder.fireAt.getTime();
          const wanted = fire > nowMs || (reminder === latestPassed && nowMs - fire <= CATCH_UP_MS);
          if (!wanted) {
            plan.stale.add(key);
            continue;
          }
          plan.years.add(yearOf(reminder.date));
          plan.desired.set(key, { unitId, periodId: period.id, stage: reminder.stage, occasion, fireAt: reminder.fireAt, audience: reminder.audience });
        }
      }
    }
  }
  return plan;
}

async function applyPlan(trx: Transaction<Database>, workspaceId: number, plan: Plan, now: Date) {
  const periodIds = plan.inScope.map((p) => p.id);
  const keyOfPeriod = new Map(plan.inScope.map((p) => [p.id, p.key]));
  const existing = periodIds.length
    ? await trx
        .selectFrom('reminder_deliveries')
        .select(['id', 'workspace_id', 'unit_id', 'period_id', 'stage', 'occasion', 'status', 'fire_at', 'audience'])
        .where('workspace_id', '=', workspaceId)
        .where('period_id', 'in', periodIds)
        .where('stage', '!=', 'nudge')
        .execute()
    : [];
  const seen = new Set<string>();
  const moved: number[] = [];
  const cancelledJobs: string[] = [];
  let cancelled = 0;
  let skipped = 0;
  for (const row of existing) {
    const key = keyOf(row.unit_id, row.period_id, row.stage, row.occasion);
    seen.add(key);
    const want = plan.desired.get(key);
    if (want && (row.status === 'pending' || row.status === 'cancelled')) {
      if (row.status === 'pending' && row.fire_at.getTime() === want.fireAt.getTime() && row.audience === want.audience) continue;
      await trx
        .updateTable('reminder_deliveries')
        .set({ status: 'pending', fire_at: want.fireAt, audience: want.audience, last_error: null, updated_at: now })
        .where('id', '=', row.id)
        .execute();
      moved.push(row.id);
    } else if (!want && row.status === 'pending') {
      const missed = plan.stale.has(key);
      await trx
        .updateTable('reminder_deliveries')
        .set({ status: missed ? 'skipped' : 'cancelled', last_error: missed ? '错过了发送时间(当时服务未运行),已由下一次提醒接续' : null, updated_at: now })
        .where('id', '=', row.id)
        .where('status', '=', 'pending')
        .execute();
      if (missed) skipped += 1;
      else cancelled += 1;
      cancelledJobs.push(reminderJobId(row, keyOfPeriod.get(row.period_id) ?? ''));
    }
  }
  const fresh = [...plan.desired.entries()].filter(([key]) => !seen.has(key)).map(([, d]) => d);
  for (let i = 0; i < fresh.length; i += 1000) {
    await trx
      .insertInto('reminder_deliveries')
      .values(
        fresh.slice(i, i + 1000).map((d) => ({
          workspace_id: workspaceId,
          unit_id: d.unitId,
          period_id: d.periodId,
          stage: d.stage,
          occasion: d.occasion,
          audience: d.audience,
          fire_at: d.fireAt,
          nonce: newNonce(),
        })),
      )
      .execute();
  }
  return { inserted: fresh.length, moved, cancelled, skipped, cancelledJobs };
}

/** Pending reminders of closed periods are cancelled (a period's close does this too; this catches the rest). */
async function cancelClosed(trx: Transaction<Database>, workspaceId: number): Promise<string[]> {
  const rows = await trx
    .updateTable('reminder_deliveries')
    .set({ status: 'cancelled', updated_at: new Date() })
    .from('reporting_periods')
    .whereRef('reporting_periods.id', '=', 'reminder_deliveries.period_id')
    .where('reminder_deliveries.workspace_id', '=', workspaceId)
    .where('reminder_deliveries.status', '=', 'pending')
    .where('reporting_periods.closed_at', 'is not', null)
    .returning(['reminder_deliveries.id', 'reminder_deliveries.workspace_id', 'reminder_deliveries.unit_id', 'reminder_deliveries.stage', 'reminder_deliveries.occasion', 'reporting_periods.key'])
    .execute();
  return rows.map((r) => reminderJobId(r, r.key));
}

