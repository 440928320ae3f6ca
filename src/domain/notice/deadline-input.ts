import { isLocalDate } from '../calendar/local-date.js';

/** A deadline as a coordinator types it in a form; `phrase` is kept as typed, `dueDate` is the date it means. */
export interface DeadlineInput {
  phrase: string | null;
  dueDate: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads a typed deadline: empty (a standing task, no date), YYYY-MM-DD, or M月D日 in the notice's year.
 * Null when it is neither or names a day that does not exist.
 */
export function readDeadlineInput(text: string, year: number): DeadlineInput | null {
  const typed = text.trim().replace(/\s+/g, '');
  if (typed === '') return { phrase: null, dueDate: null };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  const monthDay = /^(\d{1,2})月(\d{1,2})日$/.exec(typed);
  const parts = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : monthDay ? [year, Number(monthDay[1]), Number(monthDay[2])] : null;
  if (!parts) return null;
  const dueDate = `${parts[0]}-${pad(parts[1] ?? 0)}-${pad(parts[2] ?? 0)}`;
  return isLocalDate(dueDate) ? { phrase: typed, dueDate } : null;
}
