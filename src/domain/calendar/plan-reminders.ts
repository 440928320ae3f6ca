import type { LocalDate } from './local-date.js';
import type { ReminderAudience, ReminderPlan, ReminderStage } from './reminder-plan.schema.js';
import type { ReportingPeriod } from './reporting-period.js';
import type { WorkdayCalendar } from './workday-calendar.js';
import { toInstant } from './zoned-time.js';

export interface PlannedReminder {
  readonly stage: ReminderStage;
  /** Local date in the plan's time zone; always a workday. */
  readonly date: LocalDate;
  readonly fireAt: Date;
  readonly audience: ReminderAudience;
}

export interface PlanRemindersInput {
  readonly period: Pick<ReportingPeriod, 'dueDate'>;
  readonly plan: ReminderPlan;
  readonly calendar: WorkdayCalendar;
}

/**
 * When each stage of the plan fires for a period, in time order.
 *
 * Offsets count workdays from the official due date, so they land on workdays by construction; the
 * due-date stage itself moves to the previous workday when the due date is a weekend or holiday.
 * When two stages of the same audience land on one day (a due date on a Sunday pulls `due` back onto
 * the Friday `before1` already holds), only the one closer to the due date is kept: one reminder per
 * unit per day.
 */
export function planReminders({ period, plan, calendar }: PlanRemindersInput): PlannedReminder[] {
  const byDay = new Map<string, { offset: number; reminder: PlannedReminder }>();
  for (const { stage, offsetWorkdays, audience } of plan.stages) {
    const date = offsetWorkdays === 0 ? calendar.workdayOnOrBefore(period.dueDate) : calendar.addWorkdays(period.dueDate, offsetWorkdays);
    const reminder: PlannedReminder = { stage, date, fireAt: toInstant(date, plan.time, plan.timeZone), audience };
    const slot = `${date}|${audience}`;
    const held = byDay.get(slot);
    if (!held || isCloserToDue(offsetWorkdays, held.offset)) byDay.set(slot, { offset: offsetWorkdays, reminder });
  }
  return [...byDay.values()].sort((a, b) => a.reminder.fireAt.getTime() - b.reminder.fireAt.getTime() || a.offset - b.offset).map((entry) => entry.reminder);
}

function isCloserToDue(candidate: number, held: number): boolean {
  return Math.abs(candidate) < Math.abs(held) || (Math.abs(candidate) === Math.abs(held) && candidate > held);
}
