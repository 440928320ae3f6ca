/** The interfaces use-cases need from the outside world, so tests and jobs can supply their own. */

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Which queue lane a message travels in: people waiting on it, or the bulk reminder fan-out. */
export type DeliveryLane = 'interactive' | 'bulk';

/** A ledger row that should go out at `fireAt`. */
export interface ScheduledDelivery {
  deliveryId: number;
  /** Stable per reminder (from reminderKey), so adding it twice schedules it once. */
  jobId: string;
  fireAt: Date;
  lane: DeliveryLane;
  /** A coordinator's retry of a failed delivery. */
  retry?: boolean;
}

/**
 * What use-cases ask of the job queue. Implemented on BullMQ in src/queue; absent when a process
 * runs without Redis (some tests), in which case the ledger is still written and the next
 * reconcile schedules it.
 */
export interface DeliveryScheduler {
  /** Re-plan a workspace's reminders soon: after a notice import, a plan edit or a task action. */
  requestReconcile(workspaceId: number): Promise<void>;
  /** Put reminder deliveries on the queue; a job whose time changed is moved, an existing one left alone. */
  scheduleReminders(items: readonly ScheduledDelivery[], options?: { moved?: readonly number[] }): Promise<void>;
  /** Take reminders off the queue (their ledger rows are already cancelled). */
  cancelReminders(jobIds: readonly string[]): Promise<void>;
  /** Send an outbound message (outbound_messages row) now. */
  enqueueOutbound(outboundId: number, options?: { jobId?: string; retry?: boolean }): Promise<void>;
  /** Post a leaders' summary now (/summary now); its ledger key makes a double request post once. */
  requestSummary(request: SummaryRequest): Promise<void>;
}

/** One occurrence of a leaders' summary to post. */
export interface SummaryRequest {
  workspaceId: number;
  kind: 'weekly_digest' | 'quarterly_ranking';
  /** The ledger key: one message per key, ever. */
  key: string;
  /** For a quarterly ranking. */
  year?: number;
  quarter?: 1 | 2 | 3 | 4;
}

/**
 * Admission to Discord's REST API for everything that counts against the bot's limits. One gate is
 * shared by every process of a deployment (implemented on Redis in src/queue), so the bot and any
 * number of workers together stay under 50 requests a second and 5 messages per 5 s in a channel.
 */
export interface SendGate {
  /**
   * Resolves when a request may go out now; `channelId` for message posts, which have their own limit.
   * The request counts against the limits until its answer came back: call `done()` then (or when it failed).
   */
  acquire(lane: DeliveryLane, channelId: string | null): Promise<SendPass>;
}

/** One admitted request. `done()` never throws: a pass not marked done keeps counting until it expires. */
export interface SendPass {
  done(): Promise<void>;
}

/** Where a message goes: a channel, or a person's DMs. */
export type SendTarget = { kind: 'channel'; channelId: string } | { kind: 'dm'; userId: string };

export interface SentMessage {
  channelId: string;
  messageId: string;
}

/** How the message reads when it went to a fallback channel because a DM was refused. */
export interface FallbackNote {
  refusedUserId: string;
}

/**
 * A message for the outbound path. The body is rendered by the adapter that built it; the nonce
 * goes out with enforce_nonce, and the marker is written into the message so a retry can find it.
 */
export interface OutgoingMessage {
  nonce: string;
  marker: string;
  /** The message body; a `files` list in it is uploaded with the message (see OutgoingFile). */
  render(fallback: FallbackNote | null): unknown;
}

/** A file sent with an outgoing message; an embed shows it with `attachment://<name>`. */
export interface OutgoingFile {
  name: string;
  data: Buffer;
}

/** Sends on the rate-limited outbound path (implemented over Discord REST in src/discord/outbound). */
export interface MessageSender {
  send(target: SendTarget, message: OutgoingMessage, options: { lane: DeliveryLane; fallback: FallbackNote | null }): Promise<SentMessage>;
  /** The bot's message carrying `marker` posted to the target since `since`, if there is one. */
  findMarked(target: SendTarget, marker: string, since: Date): Promise<SentMessage | null>;
}

/** Why a send failed, as far as retrying is concerned. */
/** dm_refused: 403 on a DM; forbidden: no permission in the channel; missing: channel or user gone; rejected: Discord refused the content. */
export type SendFailureKind = 'dm_refused' | 'forbidden' | 'missing' | 'rejected' | 'transient';

export class SendFailure extends Error {
  constructor(
    readonly kind: SendFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'SendFailure';
  }

  get permanent(): boolean {
    return this.kind !== 'transient';
  }
}

export type * from './ports/audit.js';
export type * from './ports/calendars.js';
export type * from './ports/cycle.js';
export type * from './ports/deliveries.js';
export type * from './ports/drafts.js';
export type * from './ports/ledger.js';
export type * from './ports/notices.js';
export type * from './ports/outbound.js';
export type * from './ports/progress.js';
export type * from './ports/records.js';
export type * from './ports/reminders.js';
export type * from './ports/scoring.js';
export type * from './ports/store.js';
export type * from './ports/summaries.js';
export type * from './ports/tasks.js';
export type * from './ports/units.js';
export type * from './ports/workspaces.js';
