import type { GatewayDispatchPayload, GatewayIntentBits } from 'discord-api-types/v10';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A gateway event before a session gives it a sequence number: `{ t, d }`, typed by discord-api-types. */
export type DispatchEvent = DistributiveOmit<GatewayDispatchPayload, 'op' | 's'>;

export interface Dispatch {
  event: DispatchEvent;
  /**
   * The guild the event belongs to: a sharded bot receives it only on the shard that owns the guild.
   * Null for DMs (and DM interactions), which go to shard 0.
   */
  guildId: string | null;
  /** The intent a session must have identified with to receive this event; null for always-sent events. */
  intent: GatewayIntentBits | null;
  /**
   * For message events: the message content is stripped for sessions without MessageContent,
   * unless the message is a DM, from the bot itself, or mentions it.
   */
  contentGated: boolean;
}
