/** A gateway session's place among the bot's connections: IDENTIFY's `shard: [shard_id, num_shards]`. */
export type ShardSpec = readonly [shardId: number, shardCount: number];

/** What a client that sends no `shard` gets: one connection for everything. */
export const UNSHARDED: ShardSpec = [0, 1];

/** Discord closes a session that would hold more guilds than this with 4011 "sharding required". */
export const MAX_GUILDS_PER_SHARD = 2_500;

/** Discord's rule: `shard_id = (guild_id >> 22) % num_shards`. DMs (no guild) belong to shard 0. */
export function shardOfGuild(guildId: string | null, shardCount: number): number {
  if (guildId === null) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** IDENTIFY's `shard` field: absent means unsharded; anything but `[id, count]` with 0 <= id < count is invalid (null). */
export function parseShardSpec(raw: unknown): ShardSpec | null {
  if (raw === undefined || raw === null) return UNSHARDED;
  if (!Array.isArray(raw) || raw.length !== 2) return null;
  const [id, count] = raw as unknown[];
  if (!Number.isSafeInteger(id) || !Number.isSafeInteger(count)) return null;
  const [shardId, shardCount] = [id as number, count as number];
  return shardCount >= 1 && shardId >= 0 && shardId < shardCount ? [shardId, shardCount] : null;
}
