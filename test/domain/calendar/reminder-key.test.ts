import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReminderKey, reminderKey, reminderStages } from '../../../src/domain/calendar/index.js';

describe('reminderKey', () => {
  it('reads as rem-<workspace>-<unit>-<period>-<stage>', () => {
    expect(reminderKey('1234567890', '42', '2026-Q1', 'before5')).toBe('rem-1234567890-42-2026-Q1-before5');
  });

  it('escapes colons and dashes in ids so that different reminders never share a key', () => {
    const a = reminderKey('ws:1', 'a-b', '2026-Q1', 'due');
    const b = reminderKey('ws:1-a', 'b', '2026-Q1', 'due');
    expect(a).not.toContain(':');
    expect(a).not.toBe(b);
  });

  it('is BullMQ-safe and reversible for any ids', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.stringMatching(/^[A-Za-z0-9_-]{0,12}$/),
        fc.constantFrom(...reminderStages),
        (workspaceId, unitId, periodKey, stage) => {
          const key = reminderKey(workspaceId, unitId, periodKey, stage);
          expect(key).not.toContain(':');
          expect(key).not.toMatch(/^\d+$/);
          expect(parseReminderKey(key)).toEqual({ workspaceId, unitId, periodKey, stage });
        },
      ),
    );
  });

  it('returns null for keys that are not reminder keys', () => {
    expect(parseReminderKey('digest-2026-W01')).toBeNull();
    expect(parseReminderKey('rem-1-2-2026-Q1-later')).toBeNull();
  });
});
