import { randomBytes } from 'node:crypto';
import {
  SendFailure,
  type DeliveryLane,
  type DeliveryStatus,
  type FallbackNote,
  type LedgerTable,
  type MessageSender,
  type OutgoingMessage,
  type Repositories,
  type SendTarget,
  type SentMessage,
} from '../../ports.js';
import type { Recipient } from './recipients.js';

/*
 * Exactly once, and why.
 *
 * A delivery job can run more than once: BullMQ retries it after an error, re-runs it when its worker
 * died or stalled, two workers may hold jobs for the same row (a retry button pressed while the
 * planned job waits), and a process can die after Discord created the message but before we wrote
 * that down. Three things together make the message appear once:
 *
 * 1. The ledger row is claimed with a lease and a fresh token (DeliveryLedgerStore.claim). Only one worker
 *    sends at a time; a second one sees 'busy' and retries later; a settled row ('sent', 'skipped',
 *    'cancelled') makes every later run a no-op. The token fences a worker whose lease ran out.
 * 2. Every send carries the row's nonce with enforce_nonce: if an earlier attempt did create the
 *    message, Discord returns that message instead of making a second one. This covers a crash
 *    between send and record, and a retry after a response lost to a 5xx or a dropped connection.
 * 3. Discord remembers nonces only for a few minutes. A claim that is not the first (attempts > 1)
 *    therefore first reads the target channel's messages since the first claim, looking for the
 *    marker written in the message footer; if it is there, it is recorded and nothing is sent.
 *
 * What remains is a crash after the send and before the record, followed by a retry after the nonce
 * window whose history read misses the message (e.g. someone deleted it): then the unit would be
 * reminded twice, which is the better failure than not at all.
 */

/** Another worker holds the row; the job is retried with backoff. */
export class LeaseBusyError extends Error {
  constructor(
    readonly table: LedgerTable,
    readonly id: number,
  ) {
    super(`${table} ${id} is being delivered by another worker`);
    this.name = 'LeaseBusyError';
  }
}

export type Prepared = { kind: 'send'; recipient: Recipient; message: OutgoingMessage } | { kind: 'skip' | 'cancel' | 'fail'; reason: string };

export type DeliveryOutcome =
  | { kind: 'sent'; sent: SentMessage; fallbackUsed: boolean; recovered: boolean; recipient: Recipient }
  | { kind: 'settled'; status: DeliveryStatus | 'missing' }
  | { kind: 'skipped' | 'cancelled' | 'failed'; reason: string };

export interface DeliveryAttempt {
  table: LedgerTable;
  id: number;
  lane: DeliveryLane;
  leaseMs: number;
  /** The last try the queue will make: a transient failure then marks the row failed. */
  finalAttempt: boolean;
  /** A coordinator's retry of a failed row. */
  allowFailed?: boolean;
  /** The app clock, for sent_at (tests move it); leases use the wall clock. */
  now: () => Date;
}

/** Claims, prepares, checks for an earlier send, sends once, records. See the note above. */
export async function deliverOnce(
  store: Repositories,
  sender: MessageSender,
  attempt: DeliveryAttempt,
  prepare: (claim: { nonce: string }) => Promise<Prepared>,
): Promise<DeliveryOutcome> {
  const token = randomBytes(9).toString('base64url');
  const claim = await store.deliveries.claim(attempt.table, attempt.id, {
    token,
    leaseMs: attempt.leaseMs,
    leaseNow: new Date(),
    allowFailed: attempt.allowFailed ?? false,
  });
  if (claim.kind === 'busy') throw new LeaseBusyError(attempt.table, attempt.id);
  if (claim.kind === 'settled') return { kind: 'settled', status: claim.status };
  const release = (status: 'pending' | 'failed' | 'skipped' | 'cancelled', error: string | null) =>
    store.deliveries.release(attempt.table, attempt.id, claim.token, { status, error });

  let prepared: Prepared;
  try {
    prepared = await prepare({ nonce: claim.nonce });
  } catch (error) {
    await release(attempt.finalAttempt ? 'failed' : 'pending', describe(error));
    throw error;
  }
  if (prepared.kind !== 'send') {
    const status = prepared.kind === 'skip' ? 'skipped' : prepared.kind === 'cancel' ? 'cancelled' : 'failed';
    await release(status, prepared.reason);
    return { kind: status, reason: prepared.reason };
  }
  const { recipient, message } = prepared;

  try {
    if (claim.attempts > 1) {
      // Look back from a minute before the first claim: clocks of Discord and of this host differ a little.
      const since = new Date(claim.firstClaimedAt.getTime() - 60_000);
      for (const target of [recipient.primary, recipient.fallback].filter((t): t is SendTarget => t !== null)) {
        const found = await sender.findMarked(target, message.marker, since);
        if (found) {
          await store.deliveries.recordSent(attempt.table, attempt.id, claim.token, {
            ...found,
            sentAt: attempt.now(),
            fallbackUsed: target !== recipient.primary,
          });
          return { kind: 'sent', sent: found, fallbackUsed: target !== recipient.primary, recovered: true, recipient };
        }
      }
    }
    const { sent, fallbackUsed } = await sendWithFallback(sender, recipient, message, attempt.lane);
    await store.deliveries.recordSent(attempt.table, attempt.id, claim.token, { ...sent, sentAt: attempt.now(), fallbackUsed });
    return { kind: 'sent', sent, fallbackUsed, recovered: false, recipient };
  } catch (error) {
    if (error instanceof SendFailure && error.permanent) {
      await release('failed', error.message);
      return { kind: 'failed', reason: error.message };
    }
    await release(attempt.finalAttempt ? 'failed' : 'pending', describe(error));
    throw error;
  }
}

async function sendWithFallback(
  sender: MessageSender,
  recipient: Recipient,
  message: OutgoingMessage,
  lane: DeliveryLane,
): Promise<{ sent: SentMessage; fallbackUsed: boolean }> {
  try {
    return { sent: await sender.send(recipient.primary, message, { lane, fallback: null }), fallbackUsed: false };
  } catch (error) {
    if (!(error instanceof SendFailure) || error.kind !== 'dm_refused' || !recipient.fallback || recipient.primary.kind !== 'dm') throw error;
    // The refused DM created nothing, so the same nonce is safe (and keeps a retry de-duplicated).
    const fallback: FallbackNote = { refusedUserId: recipient.primary.userId };
    return { sent: await sender.send(recipient.fallback, message, { lane, fallback }), fallbackUsed: true };
  }
}

/**
 * What the failed list shows: a SendFailure speaks Chinese (the Discord adapter maps Discord's errors,
 * src/discord/delivery-failure.ts); anything else is an internal error whose English stays in the log.
 */
function describe(error: unknown): string {
  if (error instanceof SendFailure) return error.message.slice(0, 500);
  return '发送时出现内部错误(详见运行日志)。';
}
