import type { SummaryRequest } from '../../ports.js';
import { addDays, toLocalDate } from '../../domain/calendar/index.js';
import { loadWorkdayCalendar } from '../calendar/workspace-calendar.js';
import type { AppContext } from '../context.js';
import { ensureReportingPeriods } from '../cycle/reporting-periods.js';
import { isDigestDue, rankingPostDay } from './summary-occurrence.js';
import { readSummarySettings } from './summary-settings.js';

/** One occurrence of a leaders' summary (the scheduler's SummaryRequest). */
export type SummaryOccurrence = SummaryRequest;

function localClock(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
}

/**
 * What a workspace's schedules owe as of the app clock: this week's digest once its workday and time
 * have come; a quarter's ranking once its due date plus the grace workdays has (within two weeks).
 */
export async function listDueSummaries(ctx: AppContext, workspaceId: number): Promise<SummaryOccurrence[]> {
  const workspace = await ctx.store.workspaces.findById(workspaceId);
  if (!workspace) return [];
  const settings = await readSummarySettings(ctx.store, workspaceId, workspace.time_zone);
  if (!settings.digest.enabled && !settings.ranking.enabled) return [];
  const calendar = await loadWorkdayCalendar(ctx.store, workspaceId);
  const now = ctx.clock.now();
  const due: SummaryOccurrence[] = [];
  if (settings.digest.enabled) {
    const { timeZone, options } = settings.digest;
    const today = toLocalDate(now, timeZone);
    const day = isDigestDue(today, localClock(now, timeZone), options.weekday, options.time, calendar);
    if (day) due.push({ workspaceId, kind: 'weekly_digest', key: `digest-${day}` });
  }
  if (settings.ranking.enabled) {
    const { timeZone, options } = settings.ranking;
    const today = toLocalDate(now, timeZone);
    const clock = localClock(now, timeZone);
    const year = Number(today.slice(0, 4));
    // Only years with a notice: a year nobody works in has no quarters to rank (and gets no periods laid out).
    const years = (await ctx.store.cycle.listNoticeYears(workspaceId)).filter((y) => y === year || y === year - 1);
    const periods = [];
    for (const y of years) periods.push(...(await ensureReportingPeriods(ctx.store, workspace, y)));
    for (const period of periods) {
      const match = /^(\d{4})-Q([1-4])$/.exec(period.key);
      if (!match) continue;
      const postDay = rankingPostDay(period.dueDate, options.graceWorkdays, calendar);
      if (postDay > today || (postDay === today && clock < options.time) || postDay < addDays(today, -14)) continue;
      due.push({ workspaceId, kind: 'quarterly_ranking', key: `ranking-${period.key}`, year: Number(match[1]), quarter: Number(match[2]) as 1 | 2 | 3 | 4 });
    }
  }
  return due;
}
