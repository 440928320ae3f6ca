import type { APIMessage, ChannelType, Locale } from 'discord-api-types/v10';

export interface UserRecord {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  /** The user turned off "direct messages from server members": the bot's DMs fail with 50007. */
  blocksDms: boolean;
  locale: Locale;
}

export interface RoleRecord {
  id: string;
  guildId: string;
  name: string;
  permissions: bigint;
  position: number;
  color: number;
  hoist: boolean;
  mentionable: boolean;
  /** Roles held by an integration (the bot's own role) cannot be assigned by hand. */
  managed: boolean;
  botId?: string;
}

export interface MemberRecord {
  guildId: string;
  userId: string;
  roleIds: string[];
  nick: string | null;
  joinedAt: string;
}

export interface GuildRecord {
  id: string;
  name: string;
  ownerId: string;
  preferredLocale: Locale;
  roles: Map<string, RoleRecord>;
  members: Map<string, MemberRecord>;
  channelIds: string[];
}

export type SupportedChannelType = ChannelType.GuildText | ChannelType.GuildAnnouncement | ChannelType.GuildCategory | ChannelType.DM;

export interface ChannelRecord {
  id: string;
  type: SupportedChannelType;
  guildId: string | null;
  name: string | null;
  topic: string | null;
  parentId: string | null;
  position: number;
  /** The other person of a DM channel. */
  recipientId: string | null;
  lastMessageId: string | null;
}

export interface StoredMessage {
  /** What Discord would answer for this message; edited in place. */
  api: APIMessage;
  /** Ephemeral messages exist only for one user and never reach the gateway. */
  visibleToUserId: string | null;
  /** The interaction this message answers or follows up, if any. */
  interactionId: string | null;
  createdAt: number;
  deleted: boolean;
}

export interface StoredAttachment {
  id: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
  url: string;
}
