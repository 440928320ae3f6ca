import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { ReportingPeriodsTable } from '../../db/tables/index.js';
import { UserError } from '../../errors.js';
import { periodsForYear, readCadence } from './reporting-cadence.js';

export type PeriodRow = Selectable<ReportingPeriodsTable>;

/**
 * Makes sure the year's reporting periods exist for the workspace's cadence and returns them in
 * order. Existing rows are kept as they are (reports hang on them); a period the cadence no longer
 * has is removed only while nothing refers to it.
 */
export async function ensureReportingPeriods(db: DbOrTx, workspace: { id: number; reporting_cadence: unknown }, year: number): Promise<PeriodRow[]> {
  const wanted = periodsForYear(readCadence(workspace.reporting_cadence), year);
  const existing = await listPeriods(db, workspace.id, year);
  // The common case (every view calls this): nothing to change, so no write.
  const same =
    existing.length === wanted.length && wanted.every((p) => existing.some((e) => e.key === p.key && e.starts_on === p.start && e.ends_on === p.end && e.due_date === p.dueDate));
  if (same) return existing;
  if (wanted.length > 0) {
    await db
      .insertInto('reporting_periods')
      .values(wanted.map((p) => ({ workspace_id: workspace.id, year, key: p.key, label: p.label, starts_on: p.start, ends_on: p.end, due_date: p.dueDate })))
      .onConflict((oc) => oc.columns(['workspace_id', 'key']).doNothing())
      .execute();
  }
  const keys = wanted.map((p) => p.key);
  await db
    .deleteFrom('reporting_periods')
    .where('workspace_id', '=', workspace.id)
    .where('year', '=', year)
    .where('closed_at', 'is', null)
    .$if(keys.length > 0, (q) => q.where('key', 'not in', keys))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('progress_reports').select('id').whereRef('progress_reports.period_id', '=', 'reporting_periods.id'))))
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('reminder_deliveries').select('id').whereRef('reminder_deliveries.period_id', '=', 'reporting_periods.id').where('status', '=', 'sent'))),
    )
    .execute();
  return listPeriods(db, workspace.id, year);
}

export async function listPeriods(db: DbOrTx, workspaceId: number, year: number): Promise<PeriodRow[]> {
  return db.selectFrom('reporting_periods').selectAll().where('workspace_id', '=', workspaceId).where('year', '=', year).orderBy('starts_on').orderBy('key').execute();
}

export async function findPeriod(db: DbOrTx, workspaceId: number, periodId: number): Promise<PeriodRow | undefined> {
  return db.selectFrom('reporting_periods').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', periodId).executeTakeFirst();
}

export async function requirePeriod(db: DbOrTx, workspaceId: number, periodId: number): Promise<PeriodRow> {
  const period = await findPeriod(db, workspaceId, periodId);
  if (!period) throw new UserError('unknown_period', '找不到该报送周期,可能已被调整。请重新打开 /status 查看。');
  return period;
}

/** The period whose span holds the date, else the last one that started before it. */
export function periodAt(periods: readonly PeriodRow[], today: string): PeriodRow | undefined {
  return periods.find((p) => p.starts_on <= today && today <= p.ends_on) ?? [...periods].reverse().find((p) => p.starts_on <= today) ?? periods[0];
}
