import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clockTarget, SandboxClock } from '../../src/sandbox/sandbox-clock.js';

const dir = mkdtempSync(path.join(tmpdir(), 'duban-clock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const now = new Date('2026-12-07T06:00:00Z');

describe('clockTarget', () => {
  it('moves by days, hours and minutes from now', () => {
    expect(clockTarget('+5d', now, 'Asia/Shanghai').toISOString()).toBe('2026-12-12T06:00:00.000Z');
    expect(clockTarget('+2h', now, 'Asia/Shanghai').toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(clockTarget('+3天', now, 'Asia/Shanghai').toISOString()).toBe('2026-12-10T06:00:00.000Z');
  });

  it('moves to a date and time on the workspace’s clocks', () => {
    expect(clockTarget('2026-12-18 09:01', now, 'Asia/Shanghai').toISOString()).toBe('2026-12-18T01:01:00.000Z');
    expect(clockTarget('2026-12-31', now, 'Asia/Shanghai').toISOString()).toBe('2026-12-31T04:00:00.000Z');
  });

  it('explains a line it cannot read, in Chinese', () => {
    expect(() => clockTarget('tomorrow', now, 'Asia/Shanghai')).toThrow(/看不懂“tomorrow”/);
  });
});

describe('SandboxClock', () => {
  it('only goes forward, and a new clock on the same file goes on from where it was', () => {
    const file = path.join(dir, 'clock.json');
    const clock = new SandboxClock(file);
    const target = new Date(Date.now() + 5 * 86_400_000);
    clock.moveTo(target);
    expect(Math.abs(clock.now().getTime() - target.getTime())).toBeLessThan(1_000);
    expect(() => clock.moveTo(new Date())).toThrow(/只能往后拨/);
    expect(Math.abs(new SandboxClock(file).now().getTime() - target.getTime())).toBeLessThan(1_000);
  });
});
