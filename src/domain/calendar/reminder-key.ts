import { reminderStages, type ReminderStage } from './reminder-plan.schema.js';

export interface ReminderKeyParts {
  readonly workspaceId: string;
  readonly unitId: string;
  readonly periodKey: string;
  readonly stage: ReminderStage;
}

/**
 * Percent-encode everything but [A-Za-z0-9_.] — and '-' too where `keepDash` is false.
 * BullMQ rejects ':' in custom job ids (it separates Redis key parts); escaping '-' in the opaque ids
 * keeps the key one-to-one, so two different reminders can never share a job id.
 */
function encodePart(value: string, keepDash: boolean): string {
  let out = '';
  for (const char of value) {
    if (/[A-Za-z0-9_.]/.test(char) || (keepDash && char === '-')) {
      out += char;
    } else {
      for (const byte of new TextEncoder().encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/**
 * `rem-<workspace>-<unit>-<period>-<stage>`, e.g. `rem-123-456-2026-Q1-before5`: a BullMQ-safe job id
 * (no ':', never all digits) that is the same every time the same reminder is planned, so adding the
 * job twice schedules it once.
 */
export function reminderKey(workspaceId: string, unitId: string, periodKey: string, stage: ReminderStage): string {
  return ['rem', encodePart(workspaceId, false), encodePart(unitId, false), encodePart(periodKey, true), stage].join('-');
}

/** The parts back from a reminder key; null when it is not one. */
export function parseReminderKey(key: string): ReminderKeyParts | null {
  const parts = key.split('-');
  if (parts.length < 5 || parts[0] !== 'rem') return null;
  const stage = parts[parts.length - 1];
  if (!reminderStages.includes(stage as ReminderStage)) return null;
  try {
    return {
      workspaceId: decodeURIComponent(parts[1] ?? ''),
      unitId: decodeURIComponent(parts[2] ?? ''),
      periodKey: decodeURIComponent(parts.slice(3, -1).join('-')),
      stage: stage as ReminderStage,
    };
  } catch {
    return null;
  }
}
