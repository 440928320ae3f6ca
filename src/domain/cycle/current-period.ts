import type { LocalDate } from '../calendar/local-date.js';
import type { CyclePeriod } from './types.js';

/**
 * The year a workspace's cycle is in: today's year when it has a notice, else the latest notice
 * year before it (a county that has not imported this year's notice yet is still finishing the last),
 * else the first one ahead. A notice imported early for next year does not end this year's cycle.
 */
export function pickCycleYear(noticeYears: readonly number[], today: LocalDate): number | null {
  if (noticeYears.length === 0) return null;
  const thisYear = Number(today.slice(0, 4));
  if (noticeYears.includes(thisYear)) return thisYear;
  const before = noticeYears.filter((year) => year < thisYear);
  return before.length > 0 ? Math.max(...before) : Math.min(...noticeYears);
}

type Span = Pick<CyclePeriod, 'startsOn' | 'endsOn'>;

/**
 * The period a workspace is in today: the one whose span holds today; between periods, the last one
 * that started; before the year, the first; after it, the last.
 */
export function currentPeriod<P extends Span>(periods: readonly P[], today: LocalDate): P | undefined {
  const ordered = [...periods].sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
  return ordered.find((p) => p.startsOn <= today && today <= p.endsOn) ?? ordered.filter((p) => p.startsOn <= today).at(-1) ?? ordered[0];
}

/**
 * The periods a year's assessment counts: those whose due date has passed or that a coordinator
 * closed. While none has, the current one alone, so an early look is not empty.
 */
export function periodsToAssess<P extends Span & Pick<CyclePeriod, 'dueDate' | 'closed'>>(periods: readonly P[], today: LocalDate): P[] {
  const settled = periods.filter((p) => p.closed || p.dueDate < today);
  if (settled.length > 0) return settled;
  const current = currentPeriod(periods, today);
  return current ? [current] : [];
}
