import { describe, expect, it } from 'vitest';
import { buildReportingPeriods, createWorkdayCalendar, defaultReminderPlan, planReminders, reminderPlanSchema } from '../../../src/domain/calendar/index.js';

const calendar = createWorkdayCalendar();

function datesByStage(dueDate: string, plan = defaultReminderPlan) {
  return Object.fromEntries(planReminders({ period: { dueDate }, plan, calendar }).map((r) => [r.stage, r.date]));
}

describe('reminderPlanSchema', () => {
  it('defaults to five stages at 09:00 Asia/Shanghai, escalating only after three workdays', () => {
    expect(defaultReminderPlan.time).toBe('09:00');
    expect(defaultReminderPlan.timeZone).toBe('Asia/Shanghai');
    expect(defaultReminderPlan.stages.map((s) => [s.stage, s.offsetWorkdays, s.audience])).toEqual([
      ['before5', -5, 'liaison'],
      ['before1', -1, 'liaison'],
      ['due', 0, 'liaison'],
      ['after1', 1, 'liaison'],
      ['after3', 3, 'escalation'],
    ]);
  });

  it('rejects a bad time, an unknown time zone and a stage set twice', () => {
    expect(reminderPlanSchema.safeParse({ time: '9:00' }).success).toBe(false);
    expect(reminderPlanSchema.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(
      reminderPlanSchema.safeParse({
        stages: [
          { stage: 'due', offsetWorkdays: 0, audience: 'liaison' },
          { stage: 'due', offsetWorkdays: 0, audience: 'liaison' },
        ],
      }).success,
    ).toBe(false);
  });
});

describe('planReminders', () => {
  it('puts each stage on its workday for an ordinary due date', () => {
    // 2026-03-25 is a Wednesday with no holiday nearby.
    expect(datesByStage('2026-03-25')).toEqual({
      before5: '2026-03-18',
      before1: '2026-03-24',
      due: '2026-03-25',
      after1: '2026-03-26',
      after3: '2026-03-30',
    });
  });

  it('fires at 09:00 Shanghai time, which is 01:00 UTC', () => {
    const [first] = planReminders({ period: { dueDate: '2026-03-25' }, plan: defaultReminderPlan, calendar });
    expect(first?.fireAt.toISOString()).toBe('2026-03-18T01:00:00.000Z');
  });

  it('moves the due-date reminder off the Mid-Autumn holiday and keeps one reminder that day', () => {
    // Q3 2026 is due on 2026-09-25, the first day of the 中秋 holiday; 2026-09-20 is a 调休 Sunday.
    const reminders = planReminders({ period: { dueDate: '2026-09-25' }, plan: defaultReminderPlan, calendar });
    expect(reminders.map((r) => [r.stage, r.date, r.audience])).toEqual([
      ['before5', '2026-09-20', 'liaison'],
      ['due', '2026-09-24', 'liaison'],
      ['after1', '2026-09-28', 'liaison'],
      ['after3', '2026-09-30', 'escalation'],
    ]);
  });

  it('counts around National Day 2026 and uses the 调休 Saturday after it', () => {
    expect(datesByStage('2026-10-08')).toEqual({
      before5: '2026-09-23',
      before1: '2026-09-30',
      due: '2026-10-08',
      after1: '2026-10-09',
      after3: '2026-10-12',
    });
    expect(datesByStage('2026-10-09').after1).toBe('2026-10-10');
  });

  it('moves a due date on a National Day holiday back to the last workday before it', () => {
    const dates = datesByStage('2026-10-05');
    expect(dates.due).toBe('2026-09-30');
    expect(dates.after1).toBe('2026-10-08');
    expect(dates.after3).toBe('2026-10-10');
  });

  it('counts weekends only in a year without data, where 2027-10-01 is a plain Friday', () => {
    expect(datesByStage('2027-10-01')).toEqual({
      before5: '2027-09-24',
      before1: '2027-09-30',
      due: '2027-10-01',
      after1: '2027-10-04',
      after3: '2027-10-06',
    });
  });

  it('follows a custom plan with its own time and time zone', () => {
    const plan = reminderPlanSchema.parse({
      stages: [
        { stage: 'before1', offsetWorkdays: -2, audience: 'liaison' },
        { stage: 'after1', offsetWorkdays: 1, audience: 'escalation' },
      ],
      time: '16:30',
      timeZone: 'Asia/Urumqi',
    });
    const reminders = planReminders({ period: { dueDate: '2026-03-25' }, plan, calendar });
    expect(reminders.map((r) => [r.stage, r.date, r.fireAt.toISOString(), r.audience])).toEqual([
      ['before1', '2026-03-23', '2026-03-23T10:30:00.000Z', 'liaison'],
      ['after1', '2026-03-26', '2026-03-26T10:30:00.000Z', 'escalation'],
    ]);
  });

  it('gives the same plan for the same input every time', () => {
    const a = planReminders({ period: { dueDate: '2026-12-25' }, plan: defaultReminderPlan, calendar });
    const b = planReminders({ period: { dueDate: '2026-12-25' }, plan: defaultReminderPlan, calendar });
    expect(a).toEqual(b);
  });

  it('plans a monthly period due on a Sunday: the due reminder moves to Friday and replaces before1', () => {
    const october = buildReportingPeriods({ year: 2026, cadence: 'monthly' })[9]!;
    expect(october.dueDate).toBe('2026-10-25');
    const reminders = planReminders({ period: october, plan: defaultReminderPlan, calendar });
    expect(reminders.map((r) => [r.stage, r.date])).toEqual([
      ['before5', '2026-10-19'],
      ['due', '2026-10-23'],
      ['after1', '2026-10-26'],
      ['after3', '2026-10-28'],
    ]);
  });

  it('plans a custom period that ends just after National Day', () => {
    const [period] = buildReportingPeriods({
      year: 2026,
      cadence: 'custom',
      custom: [{ label: '国庆专项', start: '2026-09-01', end: '2026-10-09', dueDate: '2026-10-09' }],
    });
    expect(datesByStage(period!.dueDate)).toEqual({
      before5: '2026-09-24',
      before1: '2026-10-08',
      due: '2026-10-09',
      after1: '2026-10-10',
      after3: '2026-10-13',
    });
  });
});
