/**
 * Slows password guessing on the queue dashboard, per source address: a few wrong passwords are
 * free (a person mistyping), after that each wrong one locks the address out for twice as long as the
 * one before, up to a ceiling. While locked out no password is checked at all, so guessing stops
 * rather than merely slowing; a right password after the lock-out clears the address's record.
 */
export interface LoginThrottleOptions {
  /** Wrong passwords allowed before the first lock-out. */
  freeFailures?: number;
  /** The first lock-out; each later one doubles. */
  baseLockMs?: number;
  maxLockMs?: number;
  /** Addresses remembered at most; the oldest records are forgotten first (the listener is loopback-only, so few). */
  maxAddresses?: number;
  now?: () => number;
}

interface Record {
  failures: number;
  lockedUntil: number;
  lastFailure: number;
}

export class LoginThrottle {
  private readonly records = new Map<string, Record>();
  private readonly freeFailures: number;
  private readonly baseLockMs: number;
  private readonly maxLockMs: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;

  constructor(options: LoginThrottleOptions = {}) {
    this.freeFailures = options.freeFailures ?? 5;
    this.baseLockMs = options.baseLockMs ?? 1_000;
    this.maxLockMs = options.maxLockMs ?? 15 * 60_000;
    this.maxAddresses = options.maxAddresses ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds until this address may try a password again; 0 when it may now. */
  retryAfterMs(address: string): number {
    const record = this.records.get(address);
    return record ? Math.max(0, record.lockedUntil - this.now()) : 0;
  }

  failed(address: string): void {
    const now = this.now();
    const record = this.records.get(address) ?? { failures: 0, lockedUntil: 0, lastFailure: now };
    // A record idle for longer than the longest lock-out starts afresh.
    if (now - record.lastFailure > this.maxLockMs) record.failures = 0;
    record.failures += 1;
    record.lastFailure = now;
    const over = record.failures - this.freeFailures;
    if (over > 0) record.lockedUntil = now + Math.min(this.maxLockMs, this.baseLockMs * 2 ** Math.min(over - 1, 30));
    this.records.delete(address);
    this.records.set(address, record);
    if (this.records.size > this.maxAddresses) {
      const oldest = this.records.keys().next().value;
      if (oldest !== undefined) this.records.delete(oldest);
    }
  }

  succeeded(address: string): void {
    this.records.delete(address);
  }
}
