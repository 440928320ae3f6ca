import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';

const DISCORD_EPOCH = 1_420_070_400_000n;

export type IdGenerator = () => string;

/** Snowflakes as Discord makes them (timestamp << 22), strictly increasing even if the clock stalls. */
export function createIdGenerator(clock: Clock): IdGenerator {
  let last = 0n;
  return () => {
    const fromClock = (BigInt(Math.floor(clock())) - DISCORD_EPOCH) << 22n;
    last = fromClock > last ? fromClock : last + 1n;
    return last.toString();
  };
}

export function timestampOfId(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

export function randomToken(prefix: string): string {
  return `${prefix}.${randomBytes(24).toString('base64url')}`;
}
