import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { SendGate } from '../ports.js';
import type { DeliveryLane } from '../ports.js';

/**
 * Requests per second the whole deployment may make. Discord allows 50; the rest is a margin for
 * timing jitter between taking a slot here and the request reaching Discord (even spacing at 47/s
 * tolerates about 60 ms of it before a fixed one-second window could see a 51st request).
 */
export const DEFAULT_REQUESTS_PER_SECOND = 47;
/** Discord: 5 messages per 5 s per channel. The window is widened a little for the same jitter. */
export const CHANNEL_MESSAGES = 5;
export const CHANNEL_WINDOW_MS = 5_300;
/**
 * Bulk work may book slots at most this far ahead. Interactive work books without limit, so it
 * waits behind at most this much bulk: people come before the reminder fan-out.
 */
export const BULK_HORIZON_MS = 250;
/**
 * A slot this late when we finally wake for it (the process was starved or paused) is given up and a
 * new one taken: sending late would bunch our requests with later ones in Discord's window.
 */
export const LATE_LIMIT_MS = 30;

// GCRA: one "next free slot" time per deployment, spaced 1/rate apart, read from Redis's own clock so
// every process agrees. Message posts also keep a per-channel log of booked slots. A caller that may
// not book is told how long to wait and asks again; nothing is booked for it meanwhile.
const ACQUIRE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local horizon = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, tat)
if horizon >= 0 and slot - now > horizon then
  return {0, math.ceil(slot - now - horizon)}
end
if ARGV[3] ~= '' then
  local window = tonumber(ARGV[4])
  local max = tonumber(ARGV[5])
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', slot - window)
  local count = redis.call('ZCARD', KEYS[2])
  if count >= max then
    local oldest = redis.call('ZRANGE', KEYS[2], count - max, count - max, 'WITHSCORES')
    return {0, math.max(1, math.ceil(tonumber(oldest[2]) + window - now))}
  end
  redis.call('ZADD', KEYS[2], slot, ARGV[3])
  redis.call('PEXPIRE', KEYS[2], window * 2)
end
redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', 60000)
return {1, math.ceil(slot - now), math.floor(slot), now}
`;

/** Granted: [1, wait ms, the slot, Redis's now]; refused: [0, ms to wait before asking again]. */
type AcquireReply = [number, number, number?, number?];

/** The slot a request was given, on Redis's clock (ms): what the spacing guarantees are about. */
export interface GrantedSlot {
  slotAt: number;
  /** When it asked for the slot it got. */
  askedAt: number;
}
interface GateRedis extends Redis {
  dubanAcquire(globalKey: string, channelKey: string, interval: number, horizon: number, member: string, window: number, max: number): Promise<AcquireReply>;
}

export interface RedisSendGateOptions {
  /** Keys live under this prefix (the queue prefix), so separate deployments and test files do not share a budget. */
  prefix: string;
  requestsPerSecond?: number;
}

/** The shared gate on Redis; see SendGate. */
export class RedisSendGate implements SendGate {
  private readonly redis: GateRedis;
  private readonly interval: number;
  private counter = 0;

  constructor(
    redis: Redis,
    private readonly options: RedisSendGateOptions,
  ) {
    redis.defineCommand('dubanAcquire', { numberOfKeys: 2, lua: ACQUIRE_SCRIPT });
    this.redis = redis as GateRedis;
    this.interval = 1000 / (options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND);
  }

  async acquire(lane: DeliveryLane, channelId: string | null): Promise<void> {
    await this.acquireSlot(lane, channelId);
  }

  /** acquire, saying which slot was taken. */
  async acquireSlot(lane: DeliveryLane, channelId: string | null): Promise<GrantedSlot> {
    const globalKey = `${this.options.prefix}:gate:global`;
    const channelKey = channelId ? `${this.options.prefix}:gate:channel:${channelId}` : `${this.options.prefix}:gate:none`;
    const horizon = lane === 'bulk' ? BULK_HORIZON_MS : -1;
    for (;;) {
      const member = channelId ? `${process.pid}-${(this.counter += 1)}-${Math.random().toString(36).slice(2, 8)}` : '';
      const [granted, waitMs, slot, now] = await this.redis.dubanAcquire(
        globalKey,
        channelKey,
        this.interval,
        horizon,
        member,
        CHANNEL_WINDOW_MS,
        CHANNEL_MESSAGES,
      );
      if (granted === 1) {
        const slotAt = performance.now() + waitMs;
        if (waitMs > 0) await sleep(waitMs);
        if (performance.now() - slotAt <= LATE_LIMIT_MS) return { slotAt: slot ?? 0, askedAt: now ?? 0 };
        // Not sent in that slot: hand its place in the channel's window back, or a starved process would use up the channel.
        if (member) await this.redis.zrem(channelKey, member);
        continue;
      }
      // Spread the retries so waiting workers do not all ask again in the same millisecond.
      await sleep(waitMs + Math.floor(Math.random() * 15));
    }
  }
}
