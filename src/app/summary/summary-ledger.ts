import { randomBytes } from 'node:crypto';
import type { Db, DbOrTx } from '../../db/database.js';
import type { ScheduleKind, SummaryPostStatus } from '../../db/tables/index.js';

/*
 * The delivery ledger of the leaders' summaries: one summary_posts row per occurrence
 * ("digest-2026-03-27", "ranking-2026-Q1", "now-202603270105"), claimed under a row lock with a
 * lease; every send carries a nonce derived from the row (enforce_nonce), and a retry after a crash
 * first looks for the marker in the channel. Every write touches its occurrence's row only, so a
 * coordinator's /summary set (which writes the schedule rows) and a worker's progress cannot undo
 * each other, and no occurrence is ever forgotten.
 */

export interface LedgerEntry {
  status: SummaryPostStatus;
  nonce: string;
  attempts: number;
  firstClaimedAt: Date;
  /** The lease: a claim younger than the lease belongs to another worker. */
  claimedAt: Date;
  /** This claim's fencing token: a write under an older claim is refused. */
  token: string;
  /** Target key ("channel:123", "dm:456") → message id, or 'failed', for targets already done. */
  sent: Record<string, string>;
  sentAt: Date | null;
}

/** The claim was taken over by another worker after its lease ran out: this one must stop writing. */
export class SummaryLeaseLostError extends Error {
  constructor(key: string) {
    super(`summary ${key}: the lease ran out and another worker claimed it`);
    this.name = 'SummaryLeaseLostError';
  }
}

export type SummaryClaim = { kind: 'claimed'; entry: LedgerEntry } | { kind: 'settled' } | { kind: 'busy' };

/** 22 characters, so a target index can be appended within Discord's 25. */
const newNonce = () => `s${randomBytes(8).toString('hex')}${randomBytes(3).toString('hex').slice(0, 5)}`;

/** A released lease: the next claim need not wait for it. */
const NO_LEASE = new Date(0);

const occurrence = (workspaceId: number, kind: ScheduleKind, key: string) => ({ workspace_id: workspaceId, kind, key });

/** Claims an occurrence for sending; a sent one is settled, one held under a live lease is busy. */
export async function claimOccurrence(db: Db, workspaceId: number, kind: ScheduleKind, key: string, leaseMs: number): Promise<SummaryClaim> {
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    // A new occurrence starts released, so it is claimed below like one whose last attempt failed.
    await trx
      .insertInto('summary_posts')
      .values({ ...occurrence(workspaceId, kind, key), nonce: newNonce(), first_claimed_at: now, claimed_at: NO_LEASE, sent: '{}' })
      .onConflict((oc) => oc.columns(['workspace_id', 'kind', 'key']).doNothing())
      .execute();
    const row = await trx
      .selectFrom('summary_posts')
      .select(['id', 'status', 'nonce', 'attempts', 'first_claimed_at', 'claimed_at', 'sent', 'sent_at'])
      .where((eb) => eb.and(occurrence(workspaceId, kind, key)))
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.status === 'sent') return { kind: 'settled' } as const;
    if (row.claimed_at.getTime() > now.getTime() - leaseMs) return { kind: 'busy' } as const;
    const entry: LedgerEntry = {
      status: 'sending',
      nonce: row.nonce,
      attempts: row.attempts + 1,
      firstClaimedAt: row.first_claimed_at,
      claimedAt: now,
      token: randomBytes(9).toString('base64url'),
      sent: row.sent,
      sentAt: row.sent_at,
    };
    await trx.updateTable('summary_posts').set({ status: entry.status, attempts: entry.attempts, claimed_at: entry.claimedAt, claim_token: entry.token }).where('id', '=', row.id).execute();
    return { kind: 'claimed', entry } as const;
  });
}

/** Records progress (a target done) or the end (status sent) of an occurrence, under the entry's own claim only. */
export async function updateOccurrence(db: DbOrTx, workspaceId: number, kind: ScheduleKind, key: string, entry: LedgerEntry): Promise<void> {
  const result = await db
    .updateTable('summary_posts')
    .set({ status: entry.status, claimed_at: entry.claimedAt, sent: JSON.stringify(entry.sent), sent_at: entry.sentAt })
    .where((eb) => eb.and(occurrence(workspaceId, kind, key)))
    .where('claim_token', '=', entry.token)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new SummaryLeaseLostError(key);
}

/** When the last digest went out, so the next one lists what came in since. */
export async function lastSentAt(db: DbOrTx, workspaceId: number, kind: ScheduleKind): Promise<Date | null> {
  const row = await db
    .selectFrom('summary_posts')
    .select((eb) => eb.fn.max('sent_at').as('last'))
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row?.last ?? null;
}

/** Clears an entry's lease after a failed attempt, so the retry need not wait for it. */
export function releasedEntry(entry: LedgerEntry): LedgerEntry {
  return { ...entry, claimedAt: NO_LEASE };
}

/** True once the occurrence went out: lets a job skip building it (and saving a ranking snapshot) again. */
export async function isOccurrenceSent(db: DbOrTx, workspaceId: number, kind: ScheduleKind, key: string): Promise<boolean> {
  const row = await db.selectFrom('summary_posts').select('status').where((eb) => eb.and(occurrence(workspaceId, kind, key))).executeTakeFirst();
  return row?.status === 'sent';
}
