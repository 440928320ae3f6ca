import { planReminders, yearOf, type PlannedReminder, type ReminderAudience, type ReminderStage } from '../../domain/calendar/index.js';
import { listDueReports } from '../../domain/cycle/index.js';
import type { PeriodRecord, PlannedRow, Repositories, ScheduledDelivery } from '../../ports.js';
import { describeCalendarYears, loadWorkdayCalendar } from '../calendar/workspace-calendar.js';
import type { AppContext } from '../context.js';
import { loadCycle, type Cycle } from '../cycle/load-cycle.js';
import { newNonce, reminderJobId } from './delivery-ids.js';
import { dueDateOfOccasion, occasionOf } from './occasions.js';
import { createOutboundMessage } from './outbound-messages.js';
import { readReminderPlan } from './reminder-settings.js';

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
  inScope: PeriodRecord[];
  years: Set<number>;
}

const keyOf = (unitId: number, periodId: number, stage: string, occasion: string) => `${unitId}|${periodId}|${stage}|${occasion}`;

/** The queue job of a ledger row (delivery-ids names it from the row and its period's key). */
const jobOf = (workspaceId: number, row: Pick<PlannedRow, 'id' | 'unitId' | 'stage' | 'occasion'>, periodKey: string) =>
  reminderJobId({ id: row.id, workspace_id: workspaceId, unit_id: row.unitId, stage: row.stage, occasion: row.occasion }, periodKey);

/**
 * Brings a workspace's reminder ledger and queue in line with its notice, plan, calendar and task
 * actions: new reminders are added, pending ones move when their time changes, ones no longer
 * wanted are cancelled, ones already sent are never touched. Safe to run any number of times.
 */
export async function reconcileReminders(ctx: AppContext, workspaceId: number): Promise<ReconcileResult> {
  const now = ctx.clock.now();
  const calendar = await loadWorkdayCalendar(ctx.store, workspaceId);
  const outcome = await ctx.store.transaction(async (tx) => {
    await tx.workspaces.lockForTransaction(workspaceId, RECONCILE_LOCK);
    const result: ReconcileResult = { year: null, periods: [], inserted: 0, moved: 0, cancelled: 0, skipped: 0, scheduled: 0, coverageNotices: [] };
    const cancelledJobs = (await tx.reminders.cancelPendingOfClosedPeriods(workspaceId, now)).map((row) => jobOf(workspaceId, row, row.periodKey));
    const workspace = await tx.workspaces.findById(workspaceId);
    const cycle = workspace ? await loadCycle(tx, workspace, now) : null;
    const nothing = { result, toSchedule: [] as ScheduledDelivery[], moved: [] as number[], cancelledJobs, outboundIds: [] as number[] };
    if (!workspace || !cycle) return nothing;
    result.year = cycle.year;

    const plan = readReminderPlan(workspace);
    const planned = planPeriods(cycle, now, (dueDate) => planReminders({ period: { dueDate }, plan, calendar }));
    result.periods = planned.inScope.map((p) => p.key);
    result.coverageNotices = describeCalendarYears(calendar, planned.years);

    const applied = await applyPlan(tx, workspaceId, planned, now);
    Object.assign(result, { inserted: applied.inserted, moved: applied.moved.length, cancelled: applied.cancelled, skipped: applied.skipped });
    cancelledJobs.push(...applied.cancelledJobs);

    const outboundIds: number[] = [];
    for (const notice of result.coverageNotices) {
      const coverageYear = Number(notice.slice(0, 4));
      if (calendar.coverage(coverageYear) !== 'weekends-only' || !(workspace.escalation_channel_id ?? workspace.summary_channel_id)) continue;
      const id = await createOutboundMessage(tx, {
        workspaceId,
        kind: 'calendar_coverage',
        dedupeKey: `coverage-${coverageYear}`,
        audience: 'coordinators',
        unitId: null,
        payload: { title: `${coverageYear}年节假日数据缺失`, lines: [notice], tone: 'warning' },
      });
      if (id !== undefined) outboundIds.push(id);
    }
    const periodKeys = new Map(cycle.periods.map((p) => [p.id, p.key]));
    const pending = (
      await tx.reminders.listPlanned(
        workspaceId,
        planned.inScope.map((p) => p.id),
      )
    ).filter((row) => row.status === 'pending');
    const toSchedule: ScheduledDelivery[] = pending.map((row) => ({
      deliveryId: row.id,
      jobId: jobOf(workspaceId, row, periodKeys.get(row.periodId) ?? String(row.periodId)),
      fireAt: row.fireAt,
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

/**
 * Which stages each unit should get, per open period in scope, and which passed unsent. A unit is
 * reminded for each date its reports fall due in the period (listDueReports decides who owes what):
 * the period's own, and an extension's for the one period an extension moves.
 */
function planPeriods(cycle: Cycle, now: Date, planFor: (dueDate: string) => PlannedReminder[]): Plan {
  const cache = new Map<string, PlannedReminder[]>();
  const cachedPlan = (dueDate: string) => {
    let found = cache.get(dueDate);
    if (!found) cache.set(dueDate, (found = planFor(dueDate)));
    return found;
  };
  const plan: Plan = { desired: new Map(), stale: new Set(), inScope: [], years: new Set() };
  const nowMs = now.getTime();
  for (const period of cycle.periods) {
    if (period.closed) continue;
    const occasionsByUnit = new Map<number, Set<string>>();
    for (const due of listDueReports({ tasks: cycle.tasks, period, periods: cycle.periods, reports: [] })) {
      const occasions = occasionsByUnit.get(due.unitId) ?? new Set<string>();
      occasions.add(occasionOf(due.dueDate, period.dueDate));
      occasionsByUnit.set(due.unitId, occasions);
    }
    const allOccasions = new Set([...occasionsByUnit.values()].flatMap((set) => [...set]));
    allOccasions.add('');
    const fires = [...allOccasions].flatMap((o) => cachedPlan(dueDateOfOccasion(o, period.dueDate)).map((r) => r.fireAt.getTime()));
    const inWindow = fires.some((t) => t >= nowMs - CATCH_UP_MS) && Math.min(...fires) <= nowMs + PLAN_AHEAD_MS;
    if (!inWindow) continue;
    plan.inScope.push(period);
    for (const [unitId, occasions] of occasionsByUnit) {
      for (const occasion of occasions) {
        const reminders = cachedPlan(dueDateOfOccasion(occasion, period.dueDate));
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

async function applyPlan(tx: Repositories, workspaceId: number, plan: Plan, now: Date) {
  const existing = await tx.reminders.listPlanned(
    workspaceId,
    plan.inScope.map((p) => p.id),
  );
  const keyOfPeriod = new Map(plan.inScope.map((p) => [p.id, p.key]));
  const seen = new Set<string>();
  const moved: number[] = [];
  const cancelledJobs: string[] = [];
  let cancelled = 0;
  let skipped = 0;
  for (const row of existing) {
    const key = keyOf(row.unitId, row.periodId, row.stage, row.occasion);
    seen.add(key);
    const want = plan.desired.get(key);
    if (want && (row.status === 'pending' || row.status === 'cancelled')) {
      if (row.status === 'pending' && row.fireAt.getTime() === want.fireAt.getTime() && row.audience === want.audience) continue;
      await tx.reminders.reschedule(row.id, { fireAt: want.fireAt, audience: want.audience, at: now });
      moved.push(row.id);
    } else if (!want && row.status === 'pending') {
      const missed = plan.stale.has(key);
      await tx.reminders.settlePending(row.id, {
        status: missed ? 'skipped' : 'cancelled',
        error: missed ? '错过了发送时间(当时服务未运行),已由下一次提醒接续' : null,
        at: now,
      });
      if (missed) skipped += 1;
      else cancelled += 1;
      cancelledJobs.push(jobOf(workspaceId, row, keyOfPeriod.get(row.periodId) ?? ''));
    }
  }
  const fresh = [...plan.desired.entries()].filter(([key]) => !seen.has(key)).map(([, d]) => ({ ...d, nonce: newNonce() }));
  await tx.reminders.insertPlanned(workspaceId, fresh);
  return { inserted: fresh.length, moved, cancelled, skipped, cancelledJobs };
}
