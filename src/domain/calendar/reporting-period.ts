import { z } from 'zod';
import { toChineseNumeral } from '../text/chinese-numerals.js';
import { localDateSchema } from './calendar-file.schema.js';
import { daysInMonth, formatLocalDate, type LocalDate, lastDayOfMonth } from './local-date.js';

/** 报送周期: the span a progress report covers and its official due date. */
export interface ReportingPeriod {
  /** '2026-Q1', '2026-M03' or a custom key; safe inside job ids (letters, digits, '-', '_'). */
  readonly key: string;
  /** '2026年第一季度', '2026年3月' or the coordinator's label. */
  readonly label: string;
  readonly start: LocalDate;
  readonly end: LocalDate;
  /** Official, so never moved to a workday; only reminders move. */
  readonly dueDate: LocalDate;
}

export const defaultDueDay = 25;

const periodKeyPattern = /^[A-Za-z0-9_-]{1,40}$/;

const customPeriodSchema = z
  .object({
    key: z.string().regex(periodKeyPattern, { message: '周期编号只能包含字母、数字、“-”和“_”' }).optional(),
    label: z.string().trim().min(1, { message: '周期名称不能为空' }).max(60),
    start: localDateSchema,
    end: localDateSchema,
    dueDate: localDateSchema,
  })
  .refine((period) => period.start <= period.end, { message: '周期的开始日期不能晚于结束日期', path: ['end'] });

export const reportingCadenceSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    cadence: z.enum(['quarterly', 'monthly', 'custom']).default('quarterly'),
    dueDay: z.number().int().min(1).max(31).default(defaultDueDay),
    custom: z.array(customPeriodSchema).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.cadence !== 'custom') return;
    if (!input.custom || input.custom.length === 0) {
      ctx.addIssue({ code: 'custom', message: '自定义周期至少需要一个报送周期', path: ['custom'] });
      return;
    }
    const keys = input.custom.map((period, index) => period.key ?? customKey(input.year, index));
    if (new Set(keys).size !== keys.length) {
      ctx.addIssue({ code: 'custom', message: '报送周期编号不能重复', path: ['custom'] });
    }
  });

export type ReportingCadenceInput = z.input<typeof reportingCadenceSchema>;

function customKey(year: number, index: number): string {
  return `${year}-C${String(index + 1).padStart(2, '0')}`;
}

/** The due day in a month, kept inside the month (25 stays 25; 31 in April becomes the 30th). */
function dueDateIn(year: number, month: number, dueDay: number): LocalDate {
  return formatLocalDate(year, month, Math.min(dueDay, daysInMonth(year, month)));
}

/** 2026, 1 → 2026年第一季度 */
export function quarterLabel(year: number, quarter: number): string {
  return `${year}年第${toChineseNumeral(quarter)}季度`;
}

function buildQuarter(year: number, quarter: number, dueDay: number): ReportingPeriod {
  const lastMonth = quarter * 3;
  return {
    key: `${year}-Q${quarter}`,
    label: quarterLabel(year, quarter),
    start: formatLocalDate(year, lastMonth - 2, 1),
    end: lastDayOfMonth(year, lastMonth),
    dueDate: dueDateIn(year, lastMonth, dueDay),
  };
}

function buildMonth(year: number, month: number, dueDay: number): ReportingPeriod {
  return {
    key: `${year}-M${String(month).padStart(2, '0')}`,
    label: `${year}年${month}月`,
    start: formatLocalDate(year, month, 1),
    end: lastDayOfMonth(year, month),
    dueDate: dueDateIn(year, month, dueDay),
  };
}

/** The year's reporting periods in order. Throws a ZodError on bad input. */
export function buildReportingPeriods(input: ReportingCadenceInput): ReportingPeriod[] {
  const { year, cadence, dueDay, custom } = reportingCadenceSchema.parse(input);
  switch (cadence) {
    case 'quarterly':
      return [1, 2, 3, 4].map((quarter) => buildQuarter(year, quarter, dueDay));
    case 'monthly':
      return Array.from({ length: 12 }, (_, index) => buildMonth(year, index + 1, dueDay));
    case 'custom':
      return (custom ?? [])
        .map((period, index) => ({
          key: period.key ?? customKey(year, index),
          label: period.label,
          start: period.start,
          end: period.end,
          dueDate: period.dueDate,
        }))
        .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }
}

/** The period whose span holds `date`, if any. */
export function findPeriodContaining(periods: readonly ReportingPeriod[], date: LocalDate): ReportingPeriod | undefined {
  return periods.find((period) => period.start <= date && date <= period.end);
}
