import { sql } from 'kysely';
import type { DeliveryLedgerStore, DeliveryStatus } from '../../ports.js';
import type { RepositoryOf } from './bind.js';

/** Leases are measured on the wall clock (`leaseNow`), not the app clock: they are about how long a process really held the row. */
export const deliveryLedgerRepository: RepositoryOf<DeliveryLedgerStore> = {
  async claim(db, table, id, { token, leaseMs, leaseNow, allowFailed }) {
    const expired = new Date(leaseNow.getTime() - leaseMs);
    const claimable = allowFailed ? sql`status in ('pending', 'failed')` : sql`status = 'pending'`;
    const claimed = await sql<{ attempts: number; nonce: string; first_claimed_at: Date }>`
      update ${sql.table(table)}
         set status = 'sending', claim_token = ${token}, claimed_at = ${leaseNow},
             first_claimed_at = coalesce(first_claimed_at, ${leaseNow}), attempts = attempts + 1, updated_at = ${leaseNow}
       where id = ${id} and (${claimable} or (status = 'sending' and claimed_at < ${expired}))
       returning attempts, nonce, first_claimed_at`.execute(db);
    const row = claimed.rows[0];
    if (row) return { kind: 'claimed', token, attempts: row.attempts, nonce: row.nonce, firstClaimedAt: row.first_claimed_at };
    const current = await sql<{ status: DeliveryStatus }>`select status from ${sql.table(table)} where id = ${id}`.execute(db);
    const status = current.rows[0]?.status;
    if (status === undefined) return { kind: 'settled', status: 'missing' };
    return status === 'sending' || status === 'pending' ? { kind: 'busy' } : { kind: 'settled', status };
  },

  async recordSent(db, table, id, token, sent) {
    const result = await sql`
      update ${sql.table(table)}
         set status = 'sent', channel_id = ${sent.channelId}, message_id = ${sent.messageId}, sent_at = ${sent.sentAt},
             fallback_used = ${sent.fallbackUsed}, last_error = null, claim_token = null, updated_at = now()
       where id = ${id} and claim_token = ${token} and status = 'sending'`.execute(db);
    return Number(result.numAffectedRows ?? 0) > 0;
  },

  async release(db, table, id, token, outcome) {
    await sql`
      update ${sql.table(table)}
         set status = ${outcome.status}, last_error = ${outcome.error}, claim_token = null, updated_at = now()
       where id = ${id} and claim_token = ${token} and status = 'sending'`.execute(db);
  },

  async markFailed(db, table, id, error) {
    // A row left 'sending' by a dead worker is included: if that worker did send, a retry finds its message by the marker.
    await sql`
      update ${sql.table(table)}
         set status = 'failed', last_error = ${error}, claim_token = null, updated_at = now()
       where id = ${id} and status in ('pending', 'sending')`.execute(db);
  },

  async resetFailed(db, table, id, workspaceId, at) {
    const row = await db
      .updateTable(table)
      .set({ status: 'pending', last_error: null, updated_at: at })
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'failed')
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },

  async listFailed(db, workspaceId, limit) {
    const [reminders, outbound] = await Promise.all([
      db
        .selectFrom('reminder_deliveries')
        .innerJoin('units', 'units.id', 'reminder_deliveries.unit_id')
        .innerJoin('reporting_periods', 'reporting_periods.id', 'reminder_deliveries.period_id')
        .select([
          'reminder_deliveries.id',
          'reminder_deliveries.stage',
          'reminder_deliveries.last_error',
          'reminder_deliveries.attempts',
          'reminder_deliveries.updated_at',
          'units.name',
          'reporting_periods.label',
        ])
        .where('reminder_deliveries.workspace_id', '=', workspaceId)
        .where('reminder_deliveries.status', '=', 'failed')
        .orderBy('reminder_deliveries.updated_at', 'desc')
        .limit(limit)
        .execute(),
      db
        .selectFrom('outbound_messages')
        .leftJoin('units', 'units.id', 'outbound_messages.unit_id')
        .select([
          'outbound_messages.id',
          'outbound_messages.kind',
          'outbound_messages.last_error',
          'outbound_messages.attempts',
          'outbound_messages.updated_at',
          'units.name',
        ])
        .where('outbound_messages.workspace_id', '=', workspaceId)
        .where('outbound_messages.status', '=', 'failed')
        .orderBy('outbound_messages.updated_at', 'desc')
        .limit(limit)
        .execute(),
    ]);
    return [
      ...reminders.map((r) => ({
        table: 'reminder_deliveries' as const,
        id: r.id,
        stage: r.stage,
        kind: null,
        unitName: r.name,
        periodLabel: r.label,
        error: r.last_error,
        attempts: r.attempts,
        at: r.updated_at,
      })),
      ...outbound.map((o) => ({
        table: 'outbound_messages' as const,
        id: o.id,
        stage: null,
        kind: o.kind,
        unitName: o.name,
        periodLabel: null,
        error: o.last_error,
        attempts: o.attempts,
        at: o.updated_at,
      })),
    ]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .slice(0, limit);
  },

  async listUnsettled(db, { dueAfter, dueBy, outboundSince }) {
    const [reminders, outbound] = await Promise.all([
      db
        .selectFrom('reminder_deliveries')
        .select(['id', 'stage', 'fire_at'])
        .where('status', 'in', ['pending', 'sending'])
        .where('fire_at', '<=', dueBy)
        .where('fire_at', '>', dueAfter)
        .execute(),
      db.selectFrom('outbound_messages').select('id').where('status', 'in', ['pending', 'sending']).where('created_at', '>', outboundSince).execute(),
    ]);
    return { reminders: reminders.map((r) => ({ id: r.id, stage: r.stage, fireAt: r.fire_at })), outbound: outbound.map((o) => o.id) };
  },

  async findOutbound(db, id) {
    const row = await db
      .selectFrom('outbound_messages')
      .select(['id', 'workspace_id', 'audience', 'unit_id', 'payload'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && { id: row.id, workspaceId: row.workspace_id, audience: row.audience, unitId: row.unit_id, payload: row.payload };
  },
};
