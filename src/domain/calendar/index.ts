export { calendarFileSchema, localDateSchema, type CalendarFile } from './calendar-file.schema.js';
export { describeCoverage, listCoverageNotices } from './coverage-notice.js';
export { guessPercent, guessStatus } from './guess-progress.js';
export { loadPackageHolidayData, type HolidayData } from './holiday-data.js';
export { isLate, lateAfter } from './lateness.js';
export {
  addDays,
  compareDates,
  dayOfWeek,
  diffDays,
  formatLocalDate,
  isLocalDate,
  isWeekend,
  lastDayOfMonth,
  listDates,
  toDateParts,
  yearOf,
  type DateParts,
  type LocalDate,
} from './local-date.js';
export { parseCalendarFile, parseCalendarJson, parseCalendarText, type ParseCalendarResult } from './parse-calendar-file.js';
export { planReminders, type PlanRemindersInput, type PlannedReminder } from './plan-reminders.js';
export { parseReminderKey, reminderKey, type ReminderKeyParts } from './reminder-key.js';
export {
  clockTimeSchema,
  defaultReminderPlan,
  defaultReminderStages,
  reminderAudiences,
  reminderPlanSchema,
  reminderStageLabels,
  reminderStages,
  type ReminderAudience,
  type ReminderPlan,
  type ReminderStage,
  type ReminderStagePlan,
} from './reminder-plan.schema.js';
export {
  buildReportingPeriods,
  defaultDueDay,
  findPeriodContaining,
  quarterLabel,
  reportingCadenceSchema,
  type ReportingCadenceInput,
  type ReportingPeriod,
} from './reporting-period.js';
export {
  splitProgressReply,
  type KnownTask,
  type ReplyItem,
  type ReplyLeftover,
  type ReplyMarkerScheme,
  type SplitProgressReply,
} from './split-progress-reply.js';
export { createWorkdayCalendar, type CalendarCoverage, type CreateWorkdayCalendarOptions, type DayKind, type WorkdayCalendar } from './workday-calendar.js';
export { formatIsoInstant } from './iso-instant.js';
export { defaultTimeZone, formatLocalDateTime, isClockTime, isTimeZone, offsetMinutes, toInstant, toLocalDate } from './zoned-time.js';
