import { describe, expect, it } from 'vitest';
import { createWorkdayCalendar, defaultReminderPlan, reminderPlanSchema } from '../../../src/domain/calendar/index.js';
import { countLights, dueSoonFrom, ledgerLight, type DueReport, type ReportState } from '../../../src/domain/cycle/index.js';

const calendar = createWorkdayCalendar();

function report(overrides: Partial<ReportState> = {}): ReportState {
  return {
    taskId: 1,
    unitId: 10,
    periodId: 1,
    status: 'in_progress',
    percent: null,
    late: false,
    perfunctory: false,
    rating: null,
    submittedAt: new Date('2026-03-20T02:00:00Z'),
    sentBack: false,
    sentBackReason: null,
    text: null,
    ...overrides,
  };
}

type Due = Pick<DueReport, 'standing' | 'dueDate' | 'report'>;
const missing = (dueDate = '2026-03-25'): Due => ({ standing: 'missing', dueDate, report: null });
const reported = (overrides: Partial<ReportState> = {}, dueDate = '2026-03-25'): Due => ({ standing: 'reported', dueDate, report: report(overrides) });
const sentBack = (dueDate = '2026-03-25'): Due => ({ standing: 'sent_back', dueDate, report: report({ sentBack: true, sentBackReason: '请补充数据' }) });

const lightOn = (due: Due, today: string, plan = defaultReminderPlan) => ledgerLight({ due, today, dueSoonFrom: dueSoonFrom(due.dueDate, plan, calendar) });

describe('dueSoonFrom', () => {
  it('is the day of the plan’s first reminder: five workdays before an ordinary Wednesday due date', () => {
    expect(dueSoonFrom('2026-03-25', defaultReminderPlan, calendar)).toBe('2026-03-18');
  });

  it('counts workdays on the holiday calendar: a 调休 Sunday counts, the National Day week does not', () => {
    // Q3 2026 is due 2026-09-25 (中秋); five workdays before lands on the make-up Sunday 2026-09-20.
    expect(dueSoonFrom('2026-09-25', defaultReminderPlan, calendar)).toBe('2026-09-20');
    // A report due 2026-10-09: five workdays back are 10-08, 09-30, 09-29, 09-28 and 09-24, skipping the
    // National Day week (10-01…10-07) and 中秋 (09-25…09-27).
    expect(dueSoonFrom('2026-10-09', defaultReminderPlan, calendar)).toBe('2026-09-24');
  });

  it('follows a plan with a nearer first reminder, and one with no reminder before the due date', () => {
    const near = reminderPlanSchema.parse({
      stages: [
        { stage: 'before1', offsetWorkdays: -2, audience: 'liaison' },
        { stage: 'due', offsetWorkdays: 0, audience: 'liaison' },
      ],
    });
    expect(dueSoonFrom('2026-03-25', near, calendar)).toBe('2026-03-23');
    const dueOnly = reminderPlanSchema.parse({ stages: [{ stage: 'due', offsetWorkdays: 0, audience: 'liaison' }] });
    // A due date on a Sunday: the due-date reminder goes on the Friday before.
    expect(dueSoonFrom('2026-10-25', dueOnly, calendar)).toBe('2026-10-23');
  });

  it('ignores an escalation stage placed before the due date (it reminds leaders, not the unit)', () => {
    const plan = reminderPlanSchema.parse({
      stages: [
        { stage: 'before5', offsetWorkdays: -8, audience: 'escalation' },
        { stage: 'before1', offsetWorkdays: -1, audience: 'liaison' },
        { stage: 'due', offsetWorkdays: 0, audience: 'liaison' },
      ],
    });
    expect(dueSoonFrom('2026-03-25', plan, calendar)).toBe('2026-03-24');
  });
});

describe('ledgerLight', () => {
  it('is green while nothing is owed soon: a report not sent before the first reminder', () => {
    expect(lightOn(missing(), '2026-03-17')).toEqual({ light: 'green', reason: 'not_due_yet' });
  });

  it('turns yellow on the first reminder’s day and stays yellow through the due date itself', () => {
    expect(lightOn(missing(), '2026-03-18')).toEqual({ light: 'yellow', reason: 'due_soon' });
    expect(lightOn(missing(), '2026-03-25')).toEqual({ light: 'yellow', reason: 'due_soon' });
  });

  it('turns red the day after the due date while the report is owed (isOverdue)', () => {
    expect(lightOn(missing(), '2026-03-26')).toEqual({ light: 'red', reason: 'overdue' });
  });

  it('treats a report sent back (退回) as owed again', () => {
    expect(lightOn(sentBack(), '2026-03-10')).toEqual({ light: 'green', reason: 'not_due_yet' });
    expect(lightOn(sentBack(), '2026-03-20')).toEqual({ light: 'yellow', reason: 'due_soon' });
    expect(lightOn(sentBack(), '2026-04-01')).toEqual({ light: 'red', reason: 'overdue' });
  });

  it('is green for a report in, before or after the due date, late or not', () => {
    expect(lightOn(reported(), '2026-03-20')).toEqual({ light: 'green', reason: 'reported' });
    expect(lightOn(reported({ late: true }), '2026-04-10')).toEqual({ light: 'green', reason: 'reported' });
  });

  it('is red when the latest report says 受阻, whatever the date', () => {
    expect(lightOn(reported({ status: 'blocked' }), '2026-03-01')).toEqual({ light: 'red', reason: 'blocked' });
    expect(lightOn(reported({ status: 'blocked' }), '2026-05-01')).toEqual({ light: 'red', reason: 'blocked' });
  });

  it('does not count a sent-back 受阻 report as blocked: it is owed, and coloured by its dates', () => {
    const due: Due = { standing: 'sent_back', dueDate: '2026-03-25', report: report({ status: 'blocked', sentBack: true }) };
    expect(lightOn(due, '2026-03-10')).toEqual({ light: 'green', reason: 'not_due_yet' });
  });

  it('uses the extension’s due date when the report was moved (the due report carries it)', () => {
    // Extended to 2026-04-30: the light follows the moved due date, not the period's.
    const due = missing('2026-04-30');
    const soon = dueSoonFrom('2026-04-30', defaultReminderPlan, calendar);
    expect(lightOn(due, '2026-03-26').light).toBe('green');
    expect(lightOn(due, soon).light).toBe('yellow');
    expect(lightOn(due, '2026-05-06').light).toBe('red');
  });
});

describe('countLights', () => {
  it('counts each colour', () => {
    expect(countLights(['green', 'red', 'green', 'yellow'])).toEqual({ green: 2, yellow: 1, red: 1 });
    expect(countLights([])).toEqual({ green: 0, yellow: 0, red: 0 });
  });
});
