import { z } from 'zod';
import { isLocalDate, yearOf } from './local-date.js';

export const localDateSchema = z
  .string()
  .trim()
  .refine(isLocalDate, { message: '日期格式应为 YYYY-MM-DD，且须为真实存在的日期' });

/**
 * A coordinator's holiday arrangement for one year (from the State Council's yearly notice).
 * Dates in it override the package's data; a year with a file counts as covered.
 */
export const calendarFileSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    holidays: z.array(localDateSchema).default([]),
    makeUpWorkdays: z.array(localDateSchema).default([]),
  })
  .superRefine((file, ctx) => {
    const holidays = new Set(file.holidays);
    for (const date of file.makeUpWorkdays) {
      if (holidays.has(date)) {
        ctx.addIssue({ code: 'custom', message: `${date} 不能既是节假日又是调休上班日`, path: ['makeUpWorkdays'] });
      }
    }
    // Adjacent years are allowed: a New Year shift can put a make-up day in late December.
    for (const date of [...file.holidays, ...file.makeUpWorkdays]) {
      if (isLocalDate(date) && Math.abs(yearOf(date) - file.year) > 1) {
        ctx.addIssue({ code: 'custom', message: `${date} 与年份 ${file.year} 不符` });
      }
    }
  });

export type CalendarFile = z.infer<typeof calendarFileSchema>;
