import type { DeliveryStatus, ReminderRowStage } from './reminders.js';
import type { OutboundAudience, OutboundKind } from './outbound.js';

/** The two ledgers share their delivery columns: reminders, and everything else the bot posts. */
export type LedgerTable = 'reminder_deliveries' | 'outbound_messages';

export type Claim =
  | { kind: 'claimed'; token: string; attempts: number; nonce: string; firstClaimedAt: Date }
  /** Someone else holds a live lease: try again later. */
  | { kind: 'busy' }
  /** Nothing to do: already sent, cancelled, skipped or failed, or the row is gone. */
  | { kind: 'settled'; status: DeliveryStatus | 'missing' };

/** A delivery that failed for good, as coordinators see it (/reminders failed). */
export interface FailedDeliveryRecord {
  readonly table: LedgerTable;
  readonly id: number;
  /** A reminder's stage; null for an outbound message. */
  readonly stage: ReminderRowStage | null;
  /** An outbound message's kind; null for a reminder. */
  readonly kind: OutboundKind | null;
  readonly unitName: string | null;
  readonly periodLabel: string | null;
  readonly error: string | null;
  readonly attempts: number;
  readonly at: Date;
}

/** An outbound message as its delivery reads it. */
export interface OutboundRecord {
  readonly id: number;
  readonly workspaceId: number;
  readonly audience: OutboundAudience;
  readonly unitId: number | null;
  readonly payload: unknown;
}

/** Both delivery ledgers, as the exactly-once sender and the recovery use them (see deliver-once.ts). */
export interface DeliveryLedgerStore {
  /**
   * Takes the row for sending: pending, or 'sending' under a lease that ran out (its worker died).
   * The claim gets this token; only it may record the outcome.
   */
  claim(table: LedgerTable, id: number, options: { token: string; leaseMs: number; leaseNow: Date; allowFailed: boolean }): Promise<Claim>;
  /** Records the message that went out; false when the claim was lost to another worker. */
  recordSent(
    table: LedgerTable,
    id: number,
    token: string,
    sent: { channelId: string; messageId: string; sentAt: Date; fallbackUsed: boolean },
  ): Promise<boolean>;
  /** Gives the row back: to 'pending' for another try, or to a final state with the reason people read. */
  release(table: LedgerTable, id: number, token: string, outcome: { status: Exclude<DeliveryStatus, 'sending' | 'sent'>; error: string | null }): Promise<void>;
  /** Marks a row failed after the queue gave up on it, unless it was settled meanwhile. */
  markFailed(table: LedgerTable, id: number, error: string): Promise<void>;
  /** A failed row back to pending for a coordinator's retry; false when it is not failed (or not the workspace's). */
  resetFailed(table: LedgerTable, id: number, workspaceId: number, at: Date): Promise<boolean>;
  /** Each ledger's failed rows of the workspace, newest first. */
  listFailed(workspaceId: number, limit: number): Promise<FailedDeliveryRecord[]>;
  /** Unsettled reminders due between the two instants, and unsettled outbound messages made since `outboundSince`. */
  listUnsettled(input: {
    dueAfter: Date;
    dueBy: Date;
    outboundSince: Date;
  }): Promise<{ reminders: { id: number; stage: ReminderRowStage; fireAt: Date }[]; outbound: number[] }>;
  findOutbound(id: number): Promise<OutboundRecord | undefined>;
}
