import type { Selectable } from 'kysely';
import type { ReportingPeriod } from '../../domain/calendar/index.js';
import type { PeriodRecord, PeriodStore } from '../../ports.js';
import type { DbOrTx } from '../database.js';
import type { ReportingPeriodsTable } from '../tables/index.js';
import type { RepositoryOf } from './bind.js';

function toRecord(row: Selectable<ReportingPeriodsTable>): PeriodRecord {
  return {
    id: row.id,
    key: row.key,
    label: row.label,
    year: row.year,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    dueDate: row.due_date,
    closed: row.closed_at !== null,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
  };
}

async function listPeriods(db: DbOrTx, workspaceId: number, year: number): Promise<PeriodRecord[]> {
  const rows = await db
    .selectFrom('reporting_periods')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('year', '=', year)
    .orderBy('starts_on')
    .orderBy('key')
    .execute();
  return rows.map(toRecord);
}

async function findPeriod(db: DbOrTx, workspaceId: number, periodId: number, options: { lock?: 'share' | 'update' } = {}): Promise<PeriodRecord | undefined> {
  let query = db.selectFrom('reporting_periods').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', periodId);
  if (options.lock === 'share') query = query.forShare();
  if (options.lock === 'update') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toRecord(row);
}

async function insertMissingPeriods(db: DbOrTx, workspaceId: number, year: number, periods: readonly ReportingPeriod[]): Promise<void> {
  if (periods.length === 0) return;
  await db
    .insertInto('reporting_periods')
    .values(periods.map((p) => ({ workspace_id: workspaceId, year, key: p.key, label: p.label, starts_on: p.start, ends_on: p.end, due_date: p.dueDate })))
    .onConflict((oc) => oc.columns(['workspace_id', 'key']).doNothing())
    .execute();
}

async function removeUnusedPeriods(db: DbOrTx, workspaceId: number, year: number, keepKeys: readonly string[]): Promise<void> {
  await db
    .deleteFrom('reporting_periods')
    .where('workspace_id', '=', workspaceId)
    .where('year', '=', year)
    .where('closed_at', 'is', null)
    .$if(keepKeys.length > 0, (q) => q.where('key', 'not in', [...keepKeys]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('progress_reports').select('id').whereRef('progress_reports.period_id', '=', 'reporting_periods.id'))))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('reminder_deliveries').select('id').whereRef('reminder_deliveries.period_id', '=', 'reporting_periods.id').where('status', '=', 'sent'),
        ),
      ),
    )
    .execute();
}

async function closePeriod(db: DbOrTx, periodId: number, at: Date, by: string): Promise<PeriodRecord> {
  const row = await db
    .updateTable('reporting_periods')
    .set({ closed_at: at, closed_by: by })
    .where('id', '=', periodId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

export const periodRepository: RepositoryOf<PeriodStore> = {
  list: listPeriods,
  find: findPeriod,
  insertMissing: insertMissingPeriods,
  removeUnused: removeUnusedPeriods,
  close: closePeriod,
};
