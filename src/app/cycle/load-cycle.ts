import { commandRef } from '../../command-names.js';
import { toLocalDate, type LocalDate } from '../../domain/calendar/index.js';
import { currentPeriod, pickCycleYear } from '../../domain/cycle/index.js';
import { UserError } from '../../errors.js';
import type { PeriodRecord, Repositories, TaskRecord, UnitRef, Workspace } from '../../ports.js';
import { ensureReportingPeriods } from './reporting-periods.js';

/** One workspace-year of the cycle as every view reads it: the same tasks, periods and units everywhere. */
export interface Cycle {
  readonly workspace: Workspace;
  readonly year: number;
  /** Today in the workspace's time zone. */
  readonly today: LocalDate;
  readonly periods: readonly PeriodRecord[];
  /** The period the workspace is in today (currentPeriod); null only for a cadence with no periods. */
  readonly current: PeriodRecord | null;
  readonly tasks: readonly TaskRecord[];
  /** Active units by id. */
  readonly units: ReadonlyMap<number, UnitRef>;
}

/** The year the workspace's cycle is in (pickCycleYear), or null before any notice was imported. */
export async function resolveCycleYear(store: Repositories, workspace: Pick<Workspace, 'id' | 'time_zone'>, now: Date): Promise<number | null> {
  return pickCycleYear(await store.cycle.listNoticeYears(workspace.id), toLocalDate(now, workspace.time_zone));
}

/** The year a ranking or report is for: the one asked, else the year the cycle is in, else this calendar year. */
export async function pickReportYear(store: Repositories, workspace: Pick<Workspace, 'id' | 'time_zone'>, now: Date, asked: number | null): Promise<number> {
  return asked ?? (await resolveCycleYear(store, workspace, now)) ?? Number(toLocalDate(now, workspace.time_zone).slice(0, 4));
}

export const noNoticeError = () => new UserError('no_notice', `本服务器尚未导入工作要点。请督办人先用 ${commandRef('notice import')} 导入。`);

/**
 * Loads a year of the cycle (the current one unless asked): its periods laid out for the cadence,
 * its live tasks with who answers for them, and the active units. Null when the year has no notice.
 */
export async function loadCycle(store: Repositories, workspace: Workspace, now: Date, options: { year?: number } = {}): Promise<Cycle | null> {
  return loadCycleWith(store, workspace, now, options, async () => null).then((loaded) => loaded?.cycle ?? null);
}

export interface LoadCycleOptions {
  /** The year to load; the one the cycle is in when not given. */
  readonly year?: number;
  /** The workspace's notice years, when the caller read them alongside the workspace. */
  readonly noticeYears?: readonly number[];
}

/**
 * loadCycle, reading `alongside` at the same time as the tasks and units once the periods are known
 * (a ranking's reports): the reads run side by side on the pool instead of one after the other.
 */
export async function loadCycleWith<T>(
  store: Repositories,
  workspace: Workspace,
  now: Date,
  options: LoadCycleOptions,
  alongside: (periods: readonly PeriodRecord[], today: LocalDate) => Promise<T>,
): Promise<{ cycle: Cycle; alongside: T } | null> {
  const years = options.noticeYears ?? (await store.cycle.listNoticeYears(workspace.id));
  const today = toLocalDate(now, workspace.time_zone);
  const year = options.year ?? pickCycleYear(years, today);
  if (year === null || !years.includes(year)) return null;
  const periods = await ensureReportingPeriods(store, workspace, year);
  const [tasks, units, extra] = await Promise.all([
    store.cycle.loadTasks(workspace.id, year),
    store.cycle.listActiveUnits(workspace.id),
    alongside(periods, today),
  ]);
  return {
    cycle: { workspace, year, today, periods, current: currentPeriod(periods, today) ?? null, tasks, units: new Map(units.map((unit) => [unit.id, unit])) },
    alongside: extra,
  };
}

/** loadCycle for a view that needs a notice: says so in Chinese when there is none. */
export async function requireCycle(store: Repositories, workspace: Workspace, now: Date, options: { year?: number } = {}): Promise<Cycle> {
  const cycle = await loadCycle(store, workspace, now, options);
  if (!cycle) throw noNoticeError();
  return cycle;
}

/** The current year's periods without its tasks (for autocomplete); empty before any notice. */
export async function listCyclePeriods(store: Repositories, workspace: Workspace, now: Date): Promise<readonly PeriodRecord[]> {
  const year = await resolveCycleYear(store, workspace, now);
  return year === null ? [] : ensureReportingPeriods(store, workspace, year);
}
