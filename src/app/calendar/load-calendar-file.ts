import { createWorkdayCalendar, parseCalendarFile, type CalendarCoverage } from '../../domain/calendar/index.js';
import { UserError } from '../../errors.js';
import { readPlainText } from '../../files/decode-text.js';
import type { AppContext } from '../context.js';
import { queueAfterCommit } from '../queue-follow-up.js';

export interface LoadedCalendar {
  year: number;
  holidays: number;
  makeUpWorkdays: number;
  /** Where the year's data came from before this file. */
  coverageBefore: CalendarCoverage;
  replaced: boolean;
}

/** Largest calendar file accepted: a year's arrangement is a few hundred lines at most. */
export const MAX_CALENDAR_FILE_BYTES = 256 * 1024;

/** An uploaded calendar file's text: Notepad on a Chinese Windows saves GB18030; a picture or a program renamed .txt is no calendar. */
export function readCalendarText(filename: string, bytes: Uint8Array): string {
  const text = readPlainText(bytes);
  if (text === null)
    throw new UserError('calendar_not_text', `“${filename}”不是文本文件。请上传每行一条日期的 .txt 文件(如“2027-10-01~2027-10-07,放假”)或 JSON 文件。`);
  return text;
}

/**
 * Stores a coordinator's holiday arrangement for a year (JSON or one line per date), replacing an
 * earlier file for the same year, and re-plans the reminders so they follow it.
 */
export async function loadCalendarFile(ctx: AppContext, input: { workspaceId: number; actorId: string; text: string }): Promise<LoadedCalendar> {
  const parsed = parseCalendarFile(input.text);
  if (!parsed.ok) {
    const shown = parsed.errors.slice(0, 10).join('\n');
    const more = parsed.errors.length > 10 ? `\n…另有 ${parsed.errors.length - 10} 处问题` : '';
    throw new UserError(
      'calendar_invalid',
      `日历文件有误,没有保存:\n${shown}${more}\n格式示例:每行“2027-10-01~2027-10-07,放假”或“2027-10-09,调休上班”,也可用 JSON。`,
    );
  }
  const file = parsed.file;
  const result = await ctx.store.transaction(async (tx) => {
    const replaced = await tx.calendars.replaceFile({ workspaceId: input.workspaceId, file, loadedBy: input.actorId, at: ctx.clock.now() });
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'calendar.load',
      subjectType: 'holiday_calendar',
      subjectId: file.year,
      details: { holidays: file.holidays.length, makeUpWorkdays: file.makeUpWorkdays.length },
    });
    return { replaced };
  });
  await queueAfterCommit(ctx, 'reconcile after a calendar load', (s) => s.requestReconcile(input.workspaceId));
  return {
    year: file.year,
    holidays: file.holidays.length,
    makeUpWorkdays: file.makeUpWorkdays.length,
    coverageBefore: result.replaced ? 'custom' : createWorkdayCalendar().coverage(file.year),
    replaced: result.replaced,
  };
}
