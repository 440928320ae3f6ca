import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import type { DeliveryStatus } from '../../db/tables/index.js';

/** The two ledgers share their delivery columns: reminders, and everything else the bot posts. */
export type LedgerTable = 'reminder_deliveries' | 'outbound_messages';

export type Claim =
  | { kind: 'claimed'; token: string; attempts: number; nonce: string; firstClaimedAt: Date }
  /** Someone else holds a live lease: try again later. */
  | { kind: 'busy' }
  /** Nothing to do: already sent, cancelled, skipped or failed, or the row is gone. */
  | { kind: 'settled'; status: DeliveryStatus | 'missing' };

/**
 * Takes the row for sending. A row is claimable when pending, or when 'sending' under a lease that
 * ran out (its worker died or hung). The claim gets a fresh token; only that token may record the
 * outcome, so a worker that wakes up after losing its lease cannot overwrite the new one's result.
 *
 * Leases are measured on the wall clock (`leaseNow`), not the app clock: they are about how long a
 * process really held the row.
 */
export async function claimDelivery(db: DbOrTx, table: LedgerTable, id: number, options: { leaseMs: number; leaseNow: Date; allowFailed?: boolean }): Promise<Claim> {
  const token = randomBytes(9).toString('base64url');
  const expired = new Date(options.leaseNow.getTime() - options.leaseMs);
  const claimable = options.allowFailed ? sql`status in ('pending', 'failed')` : sql`status = 'pending'`;
  const claimed = await sql<{ attempts: number; nonce: string; first_claimed_at: Date }>`
    update ${sql.table(table)}
       set status = 'sending', claim_token = ${token}, claimed_at = ${options.leaseNow},
           first_claimed_at = coalesce(first_claimed_at, ${options.leaseNow}), attempts = attempts + 1, updated_at = ${options.leaseNow}
     where id = ${id} and (${claimable} or (status = 'sending' and claimed_at < ${expired}))
     returning attempts, nonce, first_claimed_at`.execute(db);
  const row = claimed.rows[0];
  if (row) return { kind: 'claimed', token, attempts: row.attempts, nonce: row.nonce, firstClaimedAt: row.first_claimed_at };
  const current = await sql<{ status: DeliveryStatus }>`select status from ${sql.table(table)} where id = ${id}`.execute(db);
  const status = current.rows[0]?.status;
  if (status === undefined) return { kind: 'settled', status: 'missing' };
  return status === 'sending' || status === 'pending' ? { kind: 'busy' } : { kind: 'settled', status };
}

/** Records the message that went out. False when the claim was lost to another worker (who records the same message). */
export async function recordSent(
  db: DbOrTx,
  table: LedgerTable,
  id: number,
  token: string,
  sent: { channelId: string; messageId: string; sentAt: Date; fallbackUsed: boolean },
): Promise<boolean> {
  const result = await sql`
    update ${sql.table(table)}
       set status = 'sent', channel_id = ${sent.channelId}, message_id = ${sent.messageId}, sent_at = ${sent.sentAt},
           fallback_used = ${sent.fallbackUsed}, last_error = null, claim_token = null, updated_at = now()
     where id = ${id} and claim_token = ${token} and status = 'sending'`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** Gives the row back: to 'pending' for another try, or to a final state with the reason people will read. */
export async function releaseClaim(db: DbOrTx, table: LedgerTable, id: number, token: string, outcome: { status: Exclude<DeliveryStatus, 'sending' | 'sent'>; error: string | null }): Promise<void> {
  await sql`
    update ${sql.table(table)}
       set status = ${outcome.status}, last_error = ${outcome.error}, claim_token = null, updated_at = now()
     where id = ${id} and claim_token = ${token} and status = 'sending'`.execute(db);
}

/**
 * Marks a row failed after the queue gave up on it (retries exhausted, or its job stalled too often),
 * unless it was settled meanwhile. A row left 'sending' by a dead worker is included: if that worker
 * did send, a retry finds its message by the marker and records it instead of sending again.
 */
export async function markFailed(db: DbOrTx, table: LedgerTable, id: number, error: string): Promise<void> {
  await sql`
    update ${sql.table(table)}
       set status = 'failed', last_error = ${error}, claim_token = null, updated_at = now()
     where id = ${id} and status in ('pending', 'sending')`.execute(db);
}
