import { randomBytes } from 'node:crypto';
import { reminderKey, type ReminderStage } from '../../domain/calendar/index.js';

/**
 * A fresh nonce for a ledger row: Discord takes up to 25 characters, and a nonce must never repeat
 * across rows, because enforce_nonce returns the earlier message for a repeated one.
 */
export function newNonce(): string {
  return `d${randomBytes(12).toString('hex')}`;
}

/**
 * The queue job id of a planned reminder: the domain's reminderKey, with an extension's occasion
 * folded into the period part ("2026-Q1_e2026-04-15"), so re-planning adds the same job again.
 */
export function reminderJobId(
  row: { workspace_id: number; unit_id: number; stage: ReminderStage | 'nudge'; occasion: string; id: number },
  periodKey: string,
): string {
  if (row.stage === 'nudge') return `nudge-${row.id}`;
  return reminderKey(String(row.workspace_id), String(row.unit_id), row.occasion ? `${periodKey}_${row.occasion}` : periodKey, row.stage);
}

/** The marker put in a message's footer: found again in the channel's history after a crash. */
export function deliveryMarker(kind: 'reminder' | 'outbound', id: number, nonce: string): string {
  return `${kind === 'reminder' ? 'R' : 'N'}${id}·${nonce.slice(1, 9)}`;
}

/** The reminder a footer's marker names: its ledger id and the start of its nonce (which a guessed id lacks). */
export function readReminderMarker(text: string): { id: number; noncePrefix: string } | null {
  const match = /\bR(\d{1,15})·([0-9a-f]{8})\b/.exec(text);
  return match ? { id: Number(match[1]), noncePrefix: `d${match[2]}` } : null;
}
