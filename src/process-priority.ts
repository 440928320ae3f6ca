import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import type { Logger } from './logger.js';

/**
 * Lowers this process's scheduling priority to `niceness` (never raises it: that needs privileges). On Linux
 * a nice value belongs to each thread, so every thread already running (V8's compiler and GC helpers,
 * libuv's pool) is lowered too, not only the main one; threads started later inherit it. A job can wait a
 * few milliseconds for the CPU, a person waiting on the bot beside it should not.
 */
export function lowerProcessPriority(niceness: number, logger: Logger): void {
  if (niceness <= 0) return;
  const threads = listThreadIds();
  let lowered = 0;
  for (const tid of threads) {
    try {
      if (getPriority(tid) < niceness) setPriority(tid, niceness);
      lowered += 1;
    } catch {
      // A thread that ended between the listing and the call has nothing left to lower.
    }
  }
  if (lowered === 0) logger.warn({ niceness }, 'could not lower the worker’s scheduling priority');
}

/** The ids of this process's threads (Linux); elsewhere 0, which setPriority reads as this process. */
function listThreadIds(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number).filter(Number.isInteger);
  } catch {
    return [0];
  }
}
