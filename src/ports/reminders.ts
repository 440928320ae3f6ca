import type { ReminderAudience, ReminderStage } from '../domain/calendar/index.js';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'skipped';
export type ReminderRowStage = ReminderStage | 'nudge';

/** A reminder ledger row as planning reads it. */
export interface PlannedRow {
  readonly id: number;
  readonly unitId: number;
  readonly periodId: number;
  readonly stage: ReminderRowStage;
  /** '' for the period's own due date, 'e2026-04-30' for an extension's, the local date for a nudge. */
  readonly occasion: string;
  readonly status: DeliveryStatus;
  readonly fireAt: Date;
  readonly audience: ReminderAudience;
}

export interface NewPlannedRow {
  readonly unitId: number;
  readonly periodId: number;
  readonly stage: ReminderRowStage;
  readonly occasion: string;
  readonly audience: ReminderAudience;
  readonly fireAt: Date;
  readonly nonce: string;
}

/** What a reminder needs at send time about its row. */
export interface ReminderToSend {
  readonly workspaceId: number;
  readonly unitId: number;
  readonly unitName: string;
  readonly unitActive: boolean;
  readonly periodId: number;
  readonly stage: ReminderRowStage;
  readonly occasion: string;
  readonly audience: ReminderAudience;
  readonly fireAt: Date;
  readonly status: DeliveryStatus;
}

/** The reminder a chat message answers, found by its message id or the marker in its footer. */
export interface AnsweredReminder {
  readonly id: number;
  readonly workspaceId: number;
  readonly guildId: string;
  readonly unitId: number;
  readonly unitName: string;
  readonly periodId: number;
  readonly audience: ReminderAudience;
}

/** The reminder ledger (reminder_deliveries) as planning, sending and the views use it. */
export interface ReminderStore {
  /** Every planned (non-nudge) row of these periods. */
  listPlanned(workspaceId: number, periodIds: readonly number[]): Promise<PlannedRow[]>;
  insertPlanned(workspaceId: number, rows: readonly NewPlannedRow[]): Promise<void>;
  /** Back to pending at a new time (a moved or revived reminder). */
  reschedule(id: number, change: { fireAt: Date; audience: ReminderAudience; at: Date }): Promise<void>;
  /** A pending row no longer wanted: cancelled, or skipped as missed with the reason. */
  settlePending(id: number, change: { status: 'cancelled' | 'skipped'; error: string | null; at: Date }): Promise<void>;
  /** Cancels the pending rows of closed periods; returns them with their period's key. */
  cancelPendingOfClosedPeriods(workspaceId: number, at: Date): Promise<(PlannedRow & { periodKey: string })[]>;
  /** Cancels a unit's pending planned (non-nudge) rows, as when it is merged away; returns them with their period's key. */
  cancelPendingOfUnit(workspaceId: number, unitId: number, change: { reason: string; at: Date }): Promise<(PlannedRow & { periodKey: string })[]>;
  /** A nudge row, once per unit, period and local date; undefined when there is one already. */
  insertNudge(workspaceId: number, row: Omit<NewPlannedRow, 'stage' | 'audience'>): Promise<number | undefined>;
  /** Units nudged in the period on this local date. */
  listNudgedUnits(workspaceId: number, periodId: number, date: string): Promise<number[]>;
  findToSend(deliveryId: number): Promise<ReminderToSend | undefined>;
  findAnswered(input: { messageId: string; marker: { id: number; noncePrefix: string } | null }): Promise<AnsweredReminder | undefined>;
  countByStatus(workspaceId: number): Promise<Partial<Record<DeliveryStatus, number>>>;
  /** Reminders and other messages that failed for good and wait for a coordinator. */
  countFailed(workspaceId: number): Promise<number>;
}
