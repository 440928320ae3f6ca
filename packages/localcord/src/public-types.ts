import type { APIMessage, InteractionResponseType } from 'discord-api-types/v10';
import type { Clock } from './clock.js';
import type { LoggedRequest } from './http/request-log.js';
import type { SupportedChannelType } from './world/records.js';
import type { MessageChange } from './world/world.js';

export interface LocalcordOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  applicationId?: string;
  botToken?: string;
  botUsername?: string;
  /** Every deadline and rate-limit window reads this clock; see createAdjustableClock. */
  clock?: Clock;
  /**
   * true (the default): an interaction must be acknowledged within 3 s and its token lasts 15 min.
   * false (the sandbox): no deadlines. Validation and rate limits apply either way.
   */
  strictLimits?: boolean;
  /**
   * Mint ids from a fixed time until `releaseIds()` is called: a world built in the same order gets
   * the same ids at every start, so a sandbox's saved workspace finds its guild, people and channels
   * again. Messages and everything else made after the release get ordinary, time-based ids.
   */
  stableIds?: boolean;
  /** GET /gateway/bot's recommended shard count, which discord.js's `shards: 'auto'` connects with. 1 by default. */
  recommendedShards?: number;
  /**
   * GET /gateway/bot's `session_start_limit.max_concurrency`: how many shards may IDENTIFY at once.
   * 1 by default, as for most bots: discord.js then waits about 5 s between one shard's IDENTIFY and the next.
   */
  maxConcurrency?: number;
}

export interface LocalGuild {
  id: string;
  name: string;
  ownerId: string;
  everyoneRoleId: string;
  botRoleId: string;
  /** The "general" text channel every new guild starts with. */
  defaultChannelId: string;
}

export interface LocalChannel {
  id: string;
  guildId: string | null;
  name: string | null;
  type: SupportedChannelType;
}

export interface LocalUser {
  id: string;
  username: string;
  bot: boolean;
}

export interface LocalRole {
  id: string;
  guildId: string;
  name: string;
  permissions: bigint;
}

export interface LocalMember {
  guildId: string;
  userId: string;
  roleIds: string[];
}

export interface MessageEvent {
  change: MessageChange;
  message: APIMessage;
  guildId: string | null;
  /** The only user who sees it (ephemeral), or null. */
  ephemeralFor: string | null;
  fromBot: boolean;
  interactionId: string | null;
}

export interface InteractionResponseEvent {
  interactionId: string;
  userId: string;
  type: InteractionResponseType;
  data: unknown;
  at: number;
}

export interface LocalcordEvents {
  message: [MessageEvent];
  interactionResponse: [InteractionResponseEvent];
  request: [LoggedRequest];
  serverError: [unknown];
}
