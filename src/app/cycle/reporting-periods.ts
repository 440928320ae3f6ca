import { commandRef } from '../../command-names.js';
import { currentPeriod } from '../../domain/cycle/index.js';
import { UserError } from '../../errors.js';
import type { PeriodRecord, Repositories, Workspace } from '../../ports.js';
import { periodsForYear, readCadence } from './reporting-cadence.js';

/**
 * Makes sure the year's reporting periods exist for the workspace's cadence and returns them in
 * order. Existing rows are kept as they are (reports hang on them); a period the cadence no longer
 * has is removed only while nothing refers to it. Only for a year with a notice: a view must not lay
 * out the periods of a year nobody works in.
 */
export async function ensureReportingPeriods(
  store: Repositories,
  workspace: Pick<Workspace, 'id' | 'reporting_cadence'>,
  year: number,
): Promise<PeriodRecord[]> {
  const wanted = periodsForYear(readCadence(workspace.reporting_cadence), year);
  const existing = await store.periods.list(workspace.id, year);
  // The common case (every view calls this): nothing to change, so no write.
  const same =
    existing.length === wanted.length &&
    wanted.every((p) => existing.some((e) => e.key === p.key && e.startsOn === p.start && e.endsOn === p.end && e.dueDate === p.dueDate));
  if (same) return existing;
  await store.periods.insertMissing(workspace.id, year, wanted);
  await store.periods.removeUnused(
    workspace.id,
    year,
    wanted.map((p) => p.key),
  );
  return store.periods.list(workspace.id, year);
}

export async function requirePeriod(
  store: Repositories,
  workspaceId: number,
  periodId: number,
  options: { lock?: 'share' | 'update' } = {},
): Promise<PeriodRecord> {
  const period = await store.periods.find(workspaceId, periodId, options);
  if (!period) throw new UserError('unknown_period', `找不到该报送周期,可能已被调整。请重新打开 ${commandRef('status')} 查看。`);
  return period;
}

/** The period a person means: by its key or its label, else the current one. */
export function pickPeriod(periods: readonly PeriodRecord[], today: string, asked: string | null | undefined): PeriodRecord | undefined {
  if (!asked) return currentPeriod(periods, today);
  return periods.find((p) => p.key === asked || p.label === asked);
}
