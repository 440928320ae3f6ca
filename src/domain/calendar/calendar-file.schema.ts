import { z } from 'zod';
import { isLocalDate, yearOf } from './local-date.js';

export const localDateSchema = z.string().trim().refine(isLocalDate, { message: '日期格式应为 YYYY-MM-DD，且须为真实存在的日期' });

/**
 * A coordinator's holiday arrangement for one year (from the State Council's yearly notice).
 * Dates in it override the package's data; a year with a file counts as covered.
 */
// Messages of a field say what it should be; parseCalendarFile puts the field's Chinese name before them.
const yearMessage = '应为 2000 至 2100 之间的四位数字';

export const calendarFileSchema = z
  .object(
    {
      year: z.number({ message: yearMessage }).int({ message: yearMessage }).min(2000, { message: yearMessage }).max(2100, { message: yearMessage }),
      holidays: z.array(localDateSchema, { message: '应为日期列表,如 ["2027-10-01"]' }).default([]),
      makeUpWorkdays: z.array(localDateSchema, { message: '应为日期列表,如 ["2027-10-09"]' }).default([]),
    },
    { message: 'JSON 应为一个对象,如 {"year": 2027, "holidays": [...], "makeUpWorkdays": [...]}' },
  )
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
