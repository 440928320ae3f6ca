import type { LocalDate } from '../calendar/local-date.js';
import { planReminders } from '../calendar/plan-reminders.js';
import type { ReminderPlan } from '../calendar/reminder-plan.schema.js';
import type { WorkdayCalendar } from '../calendar/workday-calendar.js';
import { isOverdue, owesReport, type DueReport } from './due-reports.js';

/*
 * 三色督办: the ledger's traffic light for one unit's report on one task in a period. It adds no rule
 * of its own about who owes what or when: it reads the standing and due date listDueReports gives,
 * isOverdue, and the reminder plan's own dates (planReminders on the workday calendar).
 */

export type LedgerLight = 'green' | 'yellow' | 'red';

/** Why a light has its colour, each with its own wording on the page. */
export type LightReason = 'blocked' | 'overdue' | 'due_soon' | 'reported' | 'not_due_yet';

export const ledgerLightLabels: Readonly<Record<LedgerLight, string>> = { green: '绿', yellow: '黄', red: '红' };

export const lightReasonLabels: Readonly<Record<LightReason, string>> = {
  blocked: '最新报送为“受阻”',
  overdue: '逾期未报送',
  due_soon: '临近截止未报送',
  reported: '已报送',
  not_due_yet: '未到提醒期',
};

/**
 * The day a report starts to be "due soon": the first liaison reminder the plan sends for a report due
 * on `dueDate` (the earliest stage on or before the due date; with no stage before it, the due-date
 * stage itself). The same date the first 报送提醒 goes out, so the ledger turns yellow when the unit is
 * first reminded.
 */
export function dueSoonFrom(dueDate: LocalDate, plan: ReminderPlan, calendar: WorkdayCalendar): LocalDate {
  const beforeDue = planReminders({ period: { dueDate }, plan, calendar }).filter((r) => r.audience === 'liaison' && r.date <= dueDate);
  return beforeDue[0]?.date ?? calendar.workdayOnOrBefore(dueDate);
}

export interface LightInput {
  readonly due: Pick<DueReport, 'standing' | 'dueDate' | 'report'>;
  readonly today: LocalDate;
  /** dueSoonFrom(due.dueDate, …): the first reminder's date for this due date. */
  readonly dueSoonFrom: LocalDate;
}

/**
 * 红: owed and past its due date (isOverdue), or the latest report says 受阻; 黄: owed (not sent, or
 * sent back) and the first reminder's date has come; 绿 otherwise: reported, or not yet due soon.
 */
export function ledgerLight({ due, today, dueSoonFrom: soon }: LightInput): { light: LedgerLight; reason: LightReason } {
  if (!owesReport(due) && due.report?.status === 'blocked') return { light: 'red', reason: 'blocked' };
  if (isOverdue(due, today)) return { light: 'red', reason: 'overdue' };
  if (owesReport(due)) return today >= soon ? { light: 'yellow', reason: 'due_soon' } : { light: 'green', reason: 'not_due_yet' };
  return { light: 'green', reason: 'reported' };
}

/** How many cells have each colour. */
export function countLights(lights: Iterable<LedgerLight>): Record<LedgerLight, number> {
  const counts: Record<LedgerLight, number> = { green: 0, yellow: 0, red: 0 };
  for (const light of lights) counts[light] += 1;
  return counts;
}
