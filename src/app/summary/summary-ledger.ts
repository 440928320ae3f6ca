import { randomBytes } from 'node:crypto';
import type { ScheduleKind, SummaryPostStatus } from '../../db/tables/index.js';
import type { Repositories, Store } from '../../ports.js';

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

/** Claims an occurrence for sending; a sent one is settled, one held under a live lease is busy. */
export async function claimOccurrence(store: Store, workspaceId: number, kind: ScheduleKind, key: string, leaseMs: number): Promise<SummaryClaim> {
  return store.transaction(async (tx) => {
    const now = new Date();
    const row = await tx.summaries.lockOccurrence({ workspaceId, kind, key }, { nonce: newNonce(), at: now, releasedAt: NO_LEASE });
    if (row.status === 'sent') return { kind: 'settled' } as const;
    if (row.claimedAt.getTime() > now.getTime() - leaseMs) return { kind: 'busy' } as const;
    const entry: LedgerEntry = {
      status: 'sending',
      nonce: row.nonce,
      attempts: row.attempts + 1,
      firstClaimedAt: row.firstClaimedAt,
      claimedAt: now,
      token: randomBytes(9).toString('base64url'),
      sent: row.sent,
      sentAt: row.sentAt,
    };
    await tx.summaries.markClaimed(row.id, { attempts: entry.attempts, claimedAt: entry.claimedAt, token: entry.token });
    return { kind: 'claimed', entry } as const;
  });
}

/** Records progress (a target done) or the end (status sent) of an occurrence, under the entry's own claim only. */
export async function updateOccurrence(store: Repositories, workspaceId: number, kind: ScheduleKind, key: string, entry: LedgerEntry): Promise<void> {
  const updated = await store.summaries.updateUnderClaim({ workspaceId, kind, key }, entry.token, {
    status: entry.status,
    claimedAt: entry.claimedAt,
    sent: entry.sent,
    sentAt: entry.sentAt,
  });
  if (!updated) throw new SummaryLeaseLostError(key);
}

/** When the last digest went out, so the next one lists what came in since. */
export async function lastSentAt(store: Repositories, workspaceId: number, kind: ScheduleKind): Promise<Date | null> {
  return store.summaries.lastSentAt(workspaceId, kind);
}

/** Clears an entry's lease after a failed attempt, so the retry need not wait for it. */
export function releasedEntry(entry: LedgerEntry): LedgerEntry {
  return { ...entry, claimedAt: NO_LEASE };
}

/** True once the occurrence went out: lets a job skip building it (and saving a ranking snapshot) again. */
export async function isOccurrenceSent(store: Repositories, workspaceId: number, kind: ScheduleKind, key: string): Promise<boolean> {
  return (await store.summaries.findStatus({ workspaceId, kind, key })) === 'sent';
}
