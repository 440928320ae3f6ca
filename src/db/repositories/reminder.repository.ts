import { sql, type Selectable } from 'kysely';
import type { PlannedRow, ReminderStore } from '../../ports.js';
import type { ReminderDeliveriesTable } from '../tables/index.js';
import type { RepositoryOf } from './bind.js';

type PlannedColumns = Pick<Selectable<ReminderDeliveriesTable>, 'id' | 'unit_id' | 'period_id' | 'stage' | 'occasion' | 'status' | 'fire_at' | 'audience'>;
const plannedColumns = ['id', 'unit_id', 'period_id', 'stage', 'occasion', 'status', 'fire_at', 'audience'] as const;

/** A cancelled row as planning reads it, with its period's key (for its queue job id). */
const cancelledColumns = [
  'reminder_deliveries.id',
  'reminder_deliveries.unit_id',
  'reminder_deliveries.period_id',
  'reminder_deliveries.stage',
  'reminder_deliveries.occasion',
  'reminder_deliveries.status',
  'reminder_deliveries.fire_at',
  'reminder_deliveries.audience',
  'reporting_periods.key',
] as const;

function toPlanned(row: PlannedColumns): PlannedRow {
  return {
    id: row.id,
    unitId: row.unit_id,
    periodId: row.period_id,
    stage: row.stage,
    occasion: row.occasion,
    status: row.status,
    fireAt: row.fire_at,
    audience: row.audience,
  };
}

export const reminderRepository: RepositoryOf<ReminderStore> = {
  async listPlanned(db, workspaceId, periodIds) {
    if (periodIds.length === 0) return [];
    const rows = await db
      .selectFrom('reminder_deliveries')
      .select(plannedColumns)
      .where('workspace_id', '=', workspaceId)
      .where('period_id', 'in', [...periodIds])
      .where('stage', '!=', 'nudge')
      .execute();
    return rows.map(toPlanned);
  },

  async insertPlanned(db, workspaceId, rows) {
    for (let i = 0; i < rows.length; i += 1000) {
      await db
        .insertInto('reminder_deliveries')
        .values(
          rows.slice(i, i + 1000).map((r) => ({
            workspace_id: workspaceId,
            unit_id: r.unitId,
            period_id: r.periodId,
            stage: r.stage,
            occasion: r.occasion,
            audience: r.audience,
            fire_at: r.fireAt,
            nonce: r.nonce,
          })),
        )
        .execute();
    }
  },

  async reschedule(db, id, change) {
    await db
      .updateTable('reminder_deliveries')
      .set({ status: 'pending', fire_at: change.fireAt, audience: change.audience, last_error: null, updated_at: change.at })
      .where('id', '=', id)
      .execute();
  },

  async settlePending(db, id, change) {
    await db
      .updateTable('reminder_deliveries')
      .set({ status: change.status, last_error: change.error, updated_at: change.at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  },

  async cancelPendingOfClosedPeriods(db, workspaceId, at) {
    const rows = await db
      .updateTable('reminder_deliveries')
      .set({ status: 'cancelled', updated_at: at })
      .from('reporting_periods')
      .whereRef('reporting_periods.id', '=', 'reminder_deliveries.period_id')
      .where('reminder_deliveries.workspace_id', '=', workspaceId)
      .where('reminder_deliveries.status', '=', 'pending')
      .where('reporting_periods.closed_at', 'is not', null)
      .returning(cancelledColumns)
      .execute();
    return rows.map((row) => ({ ...toPlanned(row), periodKey: row.key }));
  },

  async cancelPendingOfUnit(db, workspaceId, unitId, change) {
    const rows = await db
      .updateTable('reminder_deliveries')
      .set({ status: 'cancelled', last_error: change.reason, updated_at: change.at })
      .from('reporting_periods')
      .whereRef('reporting_periods.id', '=', 'reminder_deliveries.period_id')
      .where('reminder_deliveries.workspace_id', '=', workspaceId)
      .where('reminder_deliveries.unit_id', '=', unitId)
      .where('reminder_deliveries.stage', '!=', 'nudge')
      .where('reminder_deliveries.status', '=', 'pending')
      .returning(cancelledColumns)
      .execute();
    return rows.map((row) => ({ ...toPlanned(row), periodKey: row.key }));
  },

  async insertNudge(db, workspaceId, row) {
    const inserted = await db
      .insertInto('reminder_deliveries')
      .values({
        workspace_id: workspaceId,
        unit_id: row.unitId,
        period_id: row.periodId,
        stage: 'nudge',
        occasion: row.occasion,
        audience: 'liaison',
        fire_at: row.fireAt,
        nonce: row.nonce,
      })
      .onConflict((oc) => oc.columns(['unit_id', 'period_id', 'stage', 'occasion']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted?.id;
  },

  async listNudgedUnits(db, workspaceId, periodId, date) {
    const rows = await db
      .selectFrom('reminder_deliveries')
      .select('unit_id')
      .where('workspace_id', '=', workspaceId)
      .where('period_id', '=', periodId)
      .where('stage', '=', 'nudge')
      .where('occasion', '=', date)
      .execute();
    return rows.map((row) => row.unit_id);
  },

  async findToSend(db, deliveryId) {
    const row = await db
      .selectFrom('reminder_deliveries')
      .innerJoin('units', 'units.id', 'reminder_deliveries.unit_id')
      .select([
        'reminder_deliveries.workspace_id',
        'reminder_deliveries.unit_id',
        'reminder_deliveries.period_id',
        'reminder_deliveries.stage',
        'reminder_deliveries.occasion',
        'reminder_deliveries.audience',
        'reminder_deliveries.fire_at',
        'reminder_deliveries.status',
        'units.name as unit_name',
        'units.active as unit_active',
      ])
      .where('reminder_deliveries.id', '=', deliveryId)
      .executeTakeFirst();
    return (
      row && {
        workspaceId: row.workspace_id,
        unitId: row.unit_id,
        unitName: row.unit_name,
        unitActive: row.unit_active,
        periodId: row.period_id,
        stage: row.stage,
        occasion: row.occasion,
        audience: row.audience,
        fireAt: row.fire_at,
        status: row.status,
      }
    );
  },

  async findAnswered(db, { messageId, marker }) {
    const row = await db
      .selectFrom('reminder_deliveries')
      .innerJoin('units', 'units.id', 'reminder_deliveries.unit_id')
      .innerJoin('workspaces', 'workspaces.id', 'reminder_deliveries.workspace_id')
      .select([
        'reminder_deliveries.id',
        'reminder_deliveries.workspace_id',
        'reminder_deliveries.unit_id',
        'reminder_deliveries.period_id',
        'reminder_deliveries.audience',
        'units.name as unit_name',
        'workspaces.guild_id',
      ])
      .where((eb) =>
        eb.or([
          eb.and([eb('reminder_deliveries.message_id', '=', messageId), eb('reminder_deliveries.status', '=', 'sent')]),
          ...(marker
            ? [
                eb.and([
                  eb('reminder_deliveries.id', '=', marker.id),
                  eb('reminder_deliveries.nonce', 'like', `${marker.noncePrefix}%`),
                  eb('reminder_deliveries.status', 'in', ['sending', 'sent']),
                ]),
              ]
            : []),
        ]),
      )
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        workspaceId: row.workspace_id,
        guildId: row.guild_id,
        unitId: row.unit_id,
        unitName: row.unit_name,
        periodId: row.period_id,
        audience: row.audience,
      }
    );
  },

  async countByStatus(db, workspaceId) {
    const rows = await db
      .selectFrom('reminder_deliveries')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .where('workspace_id', '=', workspaceId)
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
  },

  async countFailed(db, workspaceId) {
    const row = await sql<{ n: string }>`
      select (select count(*) from reminder_deliveries where workspace_id = ${workspaceId} and status = 'failed')
           + (select count(*) from outbound_messages where workspace_id = ${workspaceId} and status = 'failed') as n`.execute(db);
    return Number(row.rows[0]?.n ?? 0);
  },
};
