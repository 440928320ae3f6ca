import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export const GLOBAL_LIMIT: RateLimitRule = { limit: 50, windowMs: 1000 };
export const CHANNEL_MESSAGE_LIMIT: RateLimitRule = { limit: 5, windowMs: 5000 };
export const ROUTE_LIMIT: RateLimitRule = { limit: 50, windowMs: 1000 };

export type RateLimitDecision =
  { allowed: true; headers: Record<string, string> } | { allowed: false; headers: Record<string, string>; retryAfter: number; global: boolean; bucket: string };

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Fixed windows, like Discord's buckets: a global one per bot token and one per route bucket and
 * major parameter (the channel for message creation). Successes carry the `x-ratelimit-*` headers
 * discord.js paces itself by; a refusal carries `retry-after` and, when global, `x-ratelimit-global`.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly clock: Clock) {}

  take(token: string | null, bucket: { name: string; major: string; rule: RateLimitRule }): RateLimitDecision {
    if (token !== null) {
      const global = this.window(`global:${token}`, GLOBAL_LIMIT);
      if (global.count >= GLOBAL_LIMIT.limit) {
        const retryAfter = this.secondsUntil(global.resetAt);
        return {
          allowed: false,
          retryAfter,
          global: true,
          bucket: 'global',
          headers: { 'retry-after': String(Math.ceil(retryAfter)), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
        };
      }
      global.count += 1;
    }
    const hash = bucketHash(bucket.name);
    const window = this.window(`${hash}:${bucket.major}`, bucket.rule);
    const resetAfter = this.secondsUntil(window.resetAt);
    const headers = {
      'x-ratelimit-limit': String(bucket.rule.limit),
      'x-ratelimit-reset': (window.resetAt / 1000).toFixed(3),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': hash,
    };
    if (window.count >= bucket.rule.limit) {
      return {
        allowed: false,
        retryAfter: resetAfter,
        global: false,
        bucket: hash,
        headers: { ...headers, 'x-ratelimit-remaining': '0', 'retry-after': String(Math.ceil(resetAfter)), 'x-ratelimit-scope': 'user' },
      };
    }
    window.count += 1;
    return { allowed: true, headers: { ...headers, 'x-ratelimit-remaining': String(bucket.rule.limit - window.count) } };
  }

  private window(key: string, rule: RateLimitRule): Window {
    const now = this.clock();
    const current = this.windows.get(key);
    if (current && current.resetAt > now) return current;
    const fresh = { count: 0, resetAt: now + rule.windowMs };
    this.windows.set(key, fresh);
    return fresh;
  }

  private secondsUntil(at: number): number {
    return Math.max(0, at - this.clock()) / 1000;
  }
}

function bucketHash(name: string): string {
  return createHash('sha1').update(name).digest('hex').slice(0, 16);
}
