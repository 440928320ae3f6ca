import type { z } from 'zod';
import { calendarFileSchema, type CalendarFile } from './calendar-file.schema.js';
import { addDays, isLocalDate, yearOf } from './local-date.js';

export type ParseCalendarResult = { readonly ok: true; readonly file: CalendarFile } | { readonly ok: false; readonly errors: readonly string[] };

function fromZodError(error: z.ZodError): ParseCalendarResult {
  return { ok: false, errors: error.issues.map((issue) => formatIssue(issue)) };
}

/** The JSON keys as a coordinator reads them. */
const fieldNames: Record<string, string> = { year: '年份', holidays: '节假日', makeUpWorkdays: '调休上班日' };

/** "节假日第 3 项：日期格式应为…": the field in Chinese and, inside a list, the entry's position. */
function formatIssue(issue: z.core.$ZodIssue): string {
  const [field, index] = issue.path;
  if (field === undefined) return issue.message;
  const name = fieldNames[String(field)] ?? String(field);
  return `${typeof index === 'number' ? `${name}第 ${index + 1} 项` : name}：${issue.message}`;
}

/** `{ "year": 2027, "holidays": [...], "makeUpWorkdays": [...] }` */
export function parseCalendarJson(text: string): ParseCalendarResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, errors: ['文件不是有效的 JSON'] };
  }
  const parsed = calendarFileSchema.safeParse(raw);
  return parsed.success ? { ok: true, file: parsed.data } : fromZodError(parsed.error);
}

const holidayWords = new Set(['holiday', 'off', '休', '假', '放假', '节假日', '休息']);
const workdayWords = new Set(['workday', 'work', 'makeup', 'make-up', '班', '上班', '补班', '调休', '调休上班']);
const yearLine = /^(?:year|年份)\s*[,，:：=\s]\s*(\d{4})$/i;

/**
 * One entry a line: "2027-10-01,holiday", "2027-10-09,workday", "2027-10-01~2027-10-07,放假".
 * Blank lines and lines starting with # are skipped; "year,2027" names the year, otherwise it is
 * taken from the dates. Every bad line is reported at once with its line number.
 */
export function parseCalendarText(text: string): ParseCalendarResult {
  const holidays: string[] = [];
  const makeUpWorkdays: string[] = [];
  const errors: string[] = [];
  let declaredYear: number | undefined;

  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine
      .replace(/^\uFEFF/, '')
      .replace(/\s*(~|～|至)\s*/g, '~')
      .trim();
    if (line === '' || line.startsWith('#')) return;
    const lineNo = index + 1;
    const year = yearLine.exec(line);
    if (year) {
      declaredYear = Number(year[1]);
      return;
    }
    const [range = '', kind = ''] = line.split(/\s*[,，\t;；]\s*|\s+/, 2);
    const dates = expandRange(range);
    if (!dates) {
      errors.push(`第${lineNo}行：无法识别日期“${range}”，应为 YYYY-MM-DD 或 YYYY-MM-DD~YYYY-MM-DD`);
      return;
    }
    const word = kind.toLowerCase();
    if (holidayWords.has(word)) holidays.push(...dates);
    else if (workdayWords.has(word)) makeUpWorkdays.push(...dates);
    else errors.push(`第${lineNo}行：类型“${kind}”无法识别，应为 holiday（放假）或 workday（调休上班）`);
  });

  const year = declaredYear ?? inferYear([...holidays, ...makeUpWorkdays]);
  if (year === undefined) errors.push('无法确定年份：请加一行“year,2027”');
  if (errors.length > 0) return { ok: false, errors };

  const parsed = calendarFileSchema.safeParse({ year, holidays, makeUpWorkdays });
  return parsed.success ? { ok: true, file: parsed.data } : fromZodError(parsed.error);
}

function expandRange(range: string): string[] | null {
  const [start = '', end, extra] = range.split(/~|～|\.\.|至/);
  if (extra !== undefined || !isLocalDate(start)) return null;
  if (end === undefined) return [start];
  if (!isLocalDate(end) || end < start) return null;
  const dates: string[] = [];
  for (let date = start; date <= end && dates.length <= 366; date = addDays(date, 1)) dates.push(date);
  return dates.length > 366 ? null : dates;
}

/** The year most dates fall in; a late-December make-up day does not outvote the holidays. */
function inferYear(dates: readonly string[]): number | undefined {
  const counts = new Map<number, number>();
  for (const date of dates) counts.set(yearOf(date), (counts.get(yearOf(date)) ?? 0) + 1);
  let best: number | undefined;
  for (const [year, count] of counts) {
    if (best === undefined || count > (counts.get(best) ?? 0)) best = year;
  }
  return best;
}

/** JSON when the text looks like JSON, the line form otherwise. */
export function parseCalendarFile(text: string): ParseCalendarResult {
  return text.trimStart().startsWith('{') ? parseCalendarJson(text) : parseCalendarText(text);
}
