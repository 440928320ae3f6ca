import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';
import type { ShardSpec } from './gateway/shards.js';

const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * `onShard` places a guild's id on that shard, for tests that need guilds on different shards: ids
 * made within one millisecond share their timestamp, so they would all land on the same shard.
 */
export type IdGenerator = (onShard?: ShardSpec) => string;

/** Snowflakes as Discord makes them (timestamp << 22), strictly increasing even if the clock stalls. */
export function createIdGenerator(clock: Clock): IdGenerator {
  let last = 0n;
  return (onShard) => {
    const fromClock = (BigInt(Math.floor(clock())) - DISCORD_EPOCH) << 22n;
    last = fromClock > last ? fromClock : last + 1n;
    if (onShard) {
      // Moves the timestamp at most count - 1 ms ahead, to the next one the shard rule maps to the shard.
      const [shardId, shardCount] = onShard.map(BigInt) as [bigint, bigint];
      const timestamp = last >> 22n;
      const ahead = (((shardId - (timestamp % shardCount)) % shardCount) + shardCount) % shardCount;
      if (ahead > 0n) last = (timestamp + ahead) << 22n;
    }
    return last.toString();
  };
}

export function timestampOfId(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

export function randomToken(prefix: string): string {
  return `${prefix}.${randomBytes(24).toString('base64url')}`;
}
