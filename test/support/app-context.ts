import type { AppContext } from '../../src/app/context.js';
import { createAppContext } from '../../src/app-context.js';
import type { Db } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import type { Clock } from '../../src/ports.js';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-03-02T01:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date | string): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function testAppContext(db: Db, clock: Clock = new ManualClock()): AppContext {
  return createAppContext({ db, logger: createLogger('silent'), clock, timeZone: 'Asia/Shanghai' });
}
