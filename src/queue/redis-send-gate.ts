import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { DeliveryLane, SendGate, SendPass } from '../ports.js';

/**
 * The pace: requests per second the whole deployment books slots at. Discord allows 50; the pace is
 * a little under it so that the hard limit below is rarely what holds a request.
 */
export const DEFAULT_REQUESTS_PER_SECOND = 47;
/**
 * The hard limit: requests that may reach Discord within any one second, counted as explained below.
 * Discord's 50 less one, for a call Discord counts that did not pass this gate (a tool run by hand).
 */
export const GLOBAL_MAX = 49;
export const GLOBAL_WINDOW_MS = 1_000;
/** Discord: 5 messages per 5 s per channel. */
export const CHANNEL_MESSAGES = 5;
export const CHANNEL_WINDOW_MS = 5_000;
/**
 * Bulk work may book slots at most this far ahead. Interactive work books without limit, so it
 * waits behind at most this much bulk: people come before the reminder fan-out.
 */
export const BULK_HORIZON_MS = 250;
/**
 * How long an admitted request counts as in flight when nobody says it is done: its process died.
 * discord.js gives up on a request after 15 s, so by then it has reached Discord or never will.
 */
export const IN_FLIGHT_MS = 15_000;
/**
 * A request in flight this long whose process has lost its Redis connection (it died) is treated as
 * answered, instead of holding its place for IN_FLIGHT_MS. It then counts one more window, so only a
 * request arriving over 2 s after admission could be missed, and only if its live process lost its
 * Redis connection meanwhile: the longest lag measured under load was 578 ms.
 */
export const DEPARTED_AFTER_MS = 1_000;
/** How often one gate at most looks for departed processes' places while it waits for room. */
export const DEPARTED_CHECK_MS = 250;

/*
 * Why two steps. Spacing slots 1/47 s apart (GCRA, on Redis's clock so every process agrees) keeps the
 * pace, but says nothing about when a request reaches Discord: a process that is descheduled, a busy
 * event loop or the network can hold one request back while the next goes on time, and Discord
 * counts arrivals in fixed one-second windows. Measured on the 2-core machine under load (load
 * average 11–15), a request reached the local server up to 578 ms after its slot (p99 221 ms: a
 * Redis reply read late, a sleep woken late, a request written late, the server reading it late),
 * up to 55 requests arrived within one second, and 2 of 7 runs of a 2,000-unit fan-out got global
 * 429s (4 and 2).
 *
 * So a request is admitted only when it cannot be the 50th in any window Discord might count. Each
 * admitted request is kept in a sorted set: while in flight with the time it expires, once answered
 * with the time its answer came back (read from Redis when `done()` is called). A request reaches
 * Discord after it was admitted and before its answer came back. If a window of one second at
 * Discord holds k requests, the last of them to be admitted found every other one either still in
 * flight or answered less than a second before — it was counted. So admitting only while fewer than
 * GLOBAL_MAX are in flight or answered within the last second keeps every window at GLOBAL_MAX,
 * however late requests arrive. A message's channel is counted the same way over 5 s, from the
 * moment its slot is booked.
 *
 * A process that dies leaves its admitted requests in flight. Each is named after the Redis
 * connection it was admitted on, and the kernel closes a killed process's connections, so Redis
 * stops listing that client at once, while a live process that is merely stalled keeps its connection
 * and its places. Once such a request has been in flight DEPARTED_AFTER_MS, a waiting gate marks it
 * answered, so it counts one more window and then frees its place: seconds, not IN_FLIGHT_MS.
 */

// Redis's clock in ms, and how long until a sorted set of counted requests has room for one more
// (0: room now). A place frees when an answered request leaves the window; one still in flight
// frees nothing by itself, so then ask again shortly.
const LUA_HELPERS = `
local function clock()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function waitForRoom(key, now, window, max, soon)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count < max then return 0 end
  local frees = tonumber(redis.call('ZRANGE', key, count - max, count - max, 'WITHSCORES')[2])
  if frees > now then return soon end
  return math.max(1, math.ceil(frees + window - now))
end
`;

// Books a slot at the pace, and the message's place in its channel. Refused: [0, ms to wait].
const BOOK_SCRIPT = `${LUA_HELPERS}
local now = clock()
local interval = tonumber(ARGV[1])
local horizon = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, tat)
if horizon >= 0 and slot - now > horizon then
  return {0, math.ceil(slot - now - horizon)}
end
if ARGV[3] ~= '' then
  local window = tonumber(ARGV[4])
  local flight = tonumber(ARGV[6])
  local wait = waitForRoom(KEYS[2], now, window, tonumber(ARGV[5]), 50)
  if wait > 0 then return {0, wait} end
  redis.call('ZADD', KEYS[2], slot + flight, ARGV[3])
  redis.call('PEXPIRE', KEYS[2], math.ceil(slot - now + flight + window))
end
redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', 60000)
return {1, math.ceil(slot - now), math.floor(slot), now}
`;

// Admits a request now if fewer than max are in flight or answered within the window. Refused: [0, ms to wait].
const ADMIT_SCRIPT = `${LUA_HELPERS}
local now = clock()
local flight = tonumber(ARGV[4])
local wait = waitForRoom(KEYS[1], now, tonumber(ARGV[2]), tonumber(ARGV[3]), 10)
if wait > 0 then return {0, wait} end
redis.call('ZADD', KEYS[1], now + flight, ARGV[1])
redis.call('PEXPIRE', KEYS[1], flight + tonumber(ARGV[2]))
if ARGV[5] ~= '' then redis.call('ZADD', KEYS[2], 'XX', now + flight, ARGV[5]) end
return {1, now}
`;

// The answer came back: the request counts from now on for one more window (XX: only if still kept).
const DONE_SCRIPT = `${LUA_HELPERS}
local now = clock()
redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1])
if ARGV[2] ~= '' then redis.call('ZADD', KEYS[2], 'XX', now, ARGV[2]) end
return now
`;

// Requests in flight that were admitted at least ARGV[2] ms ago: [Redis's now, members...].
const DEPARTED_CANDIDATES_SCRIPT = `${LUA_HELPERS}
local now = clock()
local members = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, now + tonumber(ARGV[1]) - tonumber(ARGV[2]))
table.insert(members, 1, now)
return members
`;

// Marks the given requests answered now, if they are still in flight.
const RELEASE_SCRIPT = `${LUA_HELPERS}
local now = clock()
local released = 0
for _, member in ipairs(ARGV) do
  local score = redis.call('ZSCORE', KEYS[1], member)
  if score and tonumber(score) > now then
    redis.call('ZADD', KEYS[1], 'XX', now, member)
    released = released + 1
  end
end
return released
`;

/** Booked: [1, wait ms, the slot, Redis's now]; refused: [0, ms to wait before asking again]. */
type BookReply = [number, number, number?, number?];
/** Admitted: [1, Redis's now]; refused: [0, ms to wait before asking again]. */
type AdmitReply = [number, number];

/** A request the gate let through, with its times on Redis's clock (ms): what the guarantees are about. */
export interface Admission extends SendPass {
  /** The paced slot it was given. */
  slotAt: number;
  /** When it asked for the slot it got. */
  askedAt: number;
  /** When it was admitted: it went out after this. */
  admittedAt: number;
}

interface GateRedis extends Redis {
  dubanBook(
    tatKey: string,
    channelKey: string,
    interval: number,
    horizon: number,
    member: string,
    window: number,
    max: number,
    flight: number,
  ): Promise<BookReply>;
  dubanAdmit(recentKey: string, channelKey: string, member: string, window: number, max: number, flight: number, channelMember: string): Promise<AdmitReply>;
  dubanDone(recentKey: string, channelKey: string, member: string, channelMember: string): Promise<number>;
  dubanDepartedCandidates(recentKey: string, flight: number, departedAfter: number): Promise<[number, ...string[]]>;
  dubanRelease(recentKey: string, ...members: string[]): Promise<number>;
}

/** The connection a member was admitted on: `<client id>.<rest>`; '0' when it was not known. */
const ownerOf = (member: string) => member.slice(0, member.indexOf('.'));
const UNKNOWN_OWNER = '0';

export interface RedisSendGateOptions {
  /** Keys live under this prefix (the queue prefix), so separate deployments and test files do not share a budget. */
  prefix: string;
  requestsPerSecond?: number;
  /** Called when marking a request done failed (Redis away): it then counts until IN_FLIGHT_MS. */
  onDoneError?: (error: unknown) => void;
}

/** The shared gate on Redis; see SendGate and the note above. */
export class RedisSendGate implements SendGate {
  private readonly redis: GateRedis;
  private readonly interval: number;
  private counter = 0;
  /** This gate's Redis client id, asked once per connection; UNKNOWN_OWNER while reconnecting, so never released. */
  private owner: Promise<string> | null = null;
  private lastDepartedCheck = 0;
  /** Off once Redis refused CLIENT LIST (an ACL, an old server): then places wait out IN_FLIGHT_MS. */
  private canListClients = true;

  constructor(
    redis: Redis,
    private readonly options: RedisSendGateOptions,
  ) {
    redis.defineCommand('dubanBook', { numberOfKeys: 2, lua: BOOK_SCRIPT });
    redis.defineCommand('dubanAdmit', { numberOfKeys: 2, lua: ADMIT_SCRIPT });
    redis.defineCommand('dubanDone', { numberOfKeys: 2, lua: DONE_SCRIPT });
    redis.defineCommand('dubanDepartedCandidates', { numberOfKeys: 1, lua: DEPARTED_CANDIDATES_SCRIPT });
    redis.defineCommand('dubanRelease', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
    // A new connection is a new client id; requests admitted on the old one may be released by others.
    redis.on('close', () => (this.owner = null));
    this.redis = redis as GateRedis;
    this.interval = 1000 / (options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND);
  }

  acquire(lane: DeliveryLane, channelId: string | null): Promise<Admission> {
    return this.acquireSlot(lane, channelId);
  }

  /** acquire, saying which slot was taken and when the request was admitted. */
  async acquireSlot(lane: DeliveryLane, channelId: string | null): Promise<Admission> {
    const { prefix } = this.options;
    const channelKey = channelId ? `${prefix}:gate:channel:${channelId}` : `${prefix}:gate:none`;
    const recentKey = `${prefix}:gate:recent`;
    const owner = await (this.owner ??= this.askOwner());
    const member = `${owner}.${process.pid}-${(this.counter += 1)}-${Math.random().toString(36).slice(2, 8)}`;
    const channelMember = channelId ? member : '';
    const horizon = lane === 'bulk' ? BULK_HORIZON_MS : -1;
    let booked: { slotAt: number; askedAt: number };
    for (;;) {
      const [granted, waitMs, slot, now] = await this.redis.dubanBook(
        `${prefix}:gate:global`,
        channelKey,
        this.interval,
        horizon,
        channelMember,
        CHANNEL_WINDOW_MS,
        CHANNEL_MESSAGES,
        IN_FLIGHT_MS,
      );
      if (granted === 1) {
        booked = { slotAt: slot ?? 0, askedAt: now ?? 0 };
        if (waitMs > 0) await sleep(waitMs);
        break;
      }
      // Spread the retries so waiting workers do not all ask again in the same millisecond.
      await sleep(waitMs + Math.floor(Math.random() * 15));
    }
    for (;;) {
      const [admitted, value] = await this.redis.dubanAdmit(recentKey, channelKey, member, GLOBAL_WINDOW_MS, GLOBAL_MAX, IN_FLIGHT_MS, channelMember);
      if (admitted === 1) {
        return { ...booked, admittedAt: value, done: () => this.done(recentKey, channelKey, member, channelMember) };
      }
      await this.releaseDepartedNow(recentKey, owner);
      await sleep(value + Math.floor(Math.random() * 5));
    }
  }

  /**
   * Marks answered the places of requests admitted on Redis connections that are gone (their process
   * died) and in flight for DEPARTED_AFTER_MS; returns how many. Never throws: a failed look frees nothing.
   */
  async releaseDeparted(): Promise<number> {
    const recentKey = `${this.options.prefix}:gate:recent`;
    return this.releaseDepartedFor(recentKey, await (this.owner ??= this.askOwner()));
  }

  private async releaseDepartedNow(recentKey: string, owner: string): Promise<void> {
    const now = Date.now();
    if (!this.canListClients || now - this.lastDepartedCheck < DEPARTED_CHECK_MS) return;
    this.lastDepartedCheck = now;
    await this.releaseDepartedFor(recentKey, owner);
  }

  private async releaseDepartedFor(recentKey: string, owner: string): Promise<number> {
    try {
      const [, ...candidates] = await this.redis.dubanDepartedCandidates(recentKey, IN_FLIGHT_MS, DEPARTED_AFTER_MS);
      const owners = [...new Set(candidates.map(ownerOf))].filter((id) => id !== owner && /^[1-9]\d*$/.test(id));
      if (owners.length === 0) return 0;
      const listed = (await this.redis.call('CLIENT', 'LIST', 'ID', ...owners)) as string;
      const alive = new Set([...listed.matchAll(/(?:^|\s)id=(\d+)/g)].map((match) => match[1]));
      const departed = candidates.filter((member) => owners.includes(ownerOf(member)) && !alive.has(ownerOf(member)));
      return departed.length === 0 ? 0 : await this.redis.dubanRelease(recentKey, ...departed);
    } catch (error) {
      if (error instanceof Error && /unknown|syntax|NOPERM|no permissions/i.test(error.message)) this.canListClients = false;
      return 0;
    }
  }

  private askOwner(): Promise<string> {
    return this.redis.client('ID').then(
      (id) => String(id),
      () => UNKNOWN_OWNER,
    );
  }

  private async done(recentKey: string, channelKey: string, member: string, channelMember: string): Promise<void> {
    try {
      await this.redis.dubanDone(recentKey, channelKey, member, channelMember);
    } catch (error) {
      this.options.onDoneError?.(error);
    }
  }
}
