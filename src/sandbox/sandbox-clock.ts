import { readFileSync, writeFileSync } from 'node:fs';
import { toInstant } from '../domain/calendar/index.js';
import type { Clock } from '../ports.js';

/**
 * The sandbox's clock: real time plus an offset a person moves forward with /time, so the reminder
 * stages, escalations, digests and quarter-end rankings can be watched in minutes. The offset is kept
 * in the sandbox's directory, so a restarted sandbox goes on from the time its ledger has reached.
 */
export class SandboxClock implements Clock {
  private offsetMs: number;

  constructor(private readonly file: string) {
    this.offsetMs = readOffset(file);
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock forward to `target`; the past cannot be gone back to (what was sent stays sent). */
  moveTo(target: Date): void {
    const now = this.now();
    if (target.getTime() <= now.getTime()) throw new Error('沙盒的时钟只能往后拨:已经发出的提醒不能收回。');
    this.offsetMs += target.getTime() - now.getTime();
    writeFileSync(this.file, JSON.stringify({ offsetMs: this.offsetMs }));
  }
}

function readOffset(file: string): number {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: unknown };
    return typeof saved.offsetMs === 'number' && Number.isFinite(saved.offsetMs) ? saved.offsetMs : 0;
  } catch {
    return 0;
  }
}

const units: Record<string, number> = { d: 86_400_000, 天: 86_400_000, h: 3_600_000, 小时: 3_600_000, m: 60_000, 分钟: 60_000 };

/**
 * Where "/time …" moves the clock to: "+5d", "+2h", "+30m" (or +5天, +2小时) from now, or a date
 * "2026-12-31" (at 12:00) or "2026-12-31 09:00" in the workspace's time zone.
 */
export function clockTarget(spec: string, now: Date, timeZone: string): Date {
  const text = spec.normalize('NFKC').trim();
  const relative = /^\+\s*(\d+(?:\.\d+)?)\s*(d|h|m|天|小时|分钟)$/i.exec(text);
  if (relative) return new Date(now.getTime() + Number(relative[1]) * (units[(relative[2] ?? 'd').toLowerCase()] ?? 0));
  const absolute = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text);
  if (absolute) {
    const [, year, month, day, hour, minute] = absolute;
    const date = `${year}-${(month ?? '').padStart(2, '0')}-${(day ?? '').padStart(2, '0')}`;
    const time = hour ? `${hour.padStart(2, '0')}:${minute}` : '12:00';
    const target = toInstant(date, time, timeZone);
    if (Number.isNaN(target.getTime())) throw new Error(`“${spec}”不是有效的日期。`);
    return target;
  }
  throw new Error(`看不懂“${spec}”。用法:/time +5d(往后 5 天)、/time +2h(2 小时)、/time 2026-12-31 或 /time 2026-12-31 09:00。`);
}
