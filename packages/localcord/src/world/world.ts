import { EventEmitter } from 'node:events';
import { ChannelType, GatewayDispatchEvents, GatewayIntentBits, Locale, type APIMessage } from 'discord-api-types/v10';
import type { Clock } from '../clock.js';
import { discordErrors } from '../errors.js';
import type { ShardSpec } from '../gateway/shards.js';
import type { IdGenerator } from '../ids.js';
import type { Dispatch } from './dispatch.js';
import { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, computeMemberPermissions } from './permissions.js';
import type { ChannelRecord, GuildRecord, MemberRecord, RoleRecord, StoredMessage, SupportedChannelType, UserRecord } from './records.js';
import { serializeGuildChannel, serializeGuildCreate, serializeMember, serializeRole, type GuildSnapshot } from './serialize.js';

export type MessageChange = 'create' | 'update' | 'delete';

export interface WorldEvents {
  dispatch: [Dispatch];
  message: [change: MessageChange, message: StoredMessage];
}

export interface NewGuild {
  name: string;
  ownerId?: string;
  preferredLocale?: Locale;
  botPermissions?: bigint;
  everyonePermissions?: bigint;
  /** Gives the guild an id on this shard of a bot connecting with that many shards (see IdGenerator). */
  shard?: ShardSpec;
}

/** Guilds, channels, users, members, roles and messages: the state every route and action reads. */
export class World extends EventEmitter<WorldEvents> {
  readonly users = new Map<string, UserRecord>();
  readonly guilds = new Map<string, GuildRecord>();
  readonly channels = new Map<string, ChannelRecord>();
  private readonly messagesById = new Map<string, StoredMessage>();
  private readonly messagesByChannel = new Map<string, StoredMessage[]>();
  private readonly dmChannelByUser = new Map<string, string>();

  constructor(
    readonly clock: Clock,
    readonly nextId: IdGenerator,
    readonly botUser: UserRecord,
  ) {
    super();
    // The gateway, the public events and every waitForMessage listen here.
    this.setMaxListeners(0);
    this.users.set(botUser.id, botUser);
  }

  isoNow(): string {
    return new Date(this.clock()).toISOString();
  }

  createUser(input: { username: string; globalName?: string; bot?: boolean; blocksDms?: boolean; locale?: Locale }): UserRecord {
    const user: UserRecord = {
      id: this.nextId(),
      username: input.username,
      globalName: input.globalName ?? null,
      bot: input.bot ?? false,
      blocksDms: input.blocksDms ?? false,
      locale: input.locale ?? Locale.ChineseCN,
    };
    this.users.set(user.id, user);
    return user;
  }

  createGuild(input: NewGuild): GuildRecord {
    const id = this.nextId(input.shard);
    const ownerId = input.ownerId ?? this.createUser({ username: `${input.name}-owner` }).id;
    this.requireUser(ownerId);
    const guild: GuildRecord = {
      id,
      name: input.name,
      ownerId,
      preferredLocale: input.preferredLocale ?? Locale.ChineseCN,
      roles: new Map(),
      members: new Map(),
      channelIds: [],
    };
    this.guilds.set(id, guild);
    // @everyone shares the guild's id, as on Discord.
    this.putRole(guild, { name: '@everyone', permissions: input.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS, id, position: 0 });
    const botRole = this.putRole(guild, {
      name: this.botUser.username,
      permissions: input.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
      managed: true,
      botId: this.botUser.id,
    });
    this.putMember(guild, ownerId, []);
    this.putMember(guild, this.botUser.id, [botRole.id]);
    this.putChannel(guild, { name: 'general', type: ChannelType.GuildText });
    this.emit('dispatch', {
      event: { t: GatewayDispatchEvents.GuildCreate, d: serializeGuildCreate(this.guildSnapshot(guild)) },
      guildId: guild.id,
      intent: GatewayIntentBits.Guilds,
      contentGated: false,
    });
    return guild;
  }

  createChannel(guildId: string, input: { name: string; type?: SupportedChannelType; topic?: string; parentId?: string }): ChannelRecord {
    const guild = this.requireGuild(guildId);
    const channel = this.putChannel(guild, input);
    this.emit('dispatch', {
      event: { t: GatewayDispatchEvents.ChannelCreate, d: { ...serializeGuildChannel(channel), guild_id: guild.id } },
      guildId: guild.id,
      intent: GatewayIntentBits.Guilds,
      contentGated: false,
    });
    return channel;
  }

  createRole(guildId: string, input: { name: string; permissions?: bigint; color?: number; mentionable?: boolean }): RoleRecord {
    const guild = this.requireGuild(guildId);
    const role = this.putRole(guild, input);
    this.emit('dispatch', {
      event: { t: GatewayDispatchEvents.GuildRoleCreate, d: { guild_id: guild.id, role: serializeRole(role) } },
      guildId: guild.id,
      intent: GatewayIntentBits.Guilds,
      contentGated: false,
    });
    return role;
  }

  /** Adds a member, or replaces the roles of an existing one. */
  setMember(guildId: string, userId: string, roleIds: string[]): MemberRecord {
    const guild = this.requireGuild(guildId);
    const user = this.requireUser(userId);
    for (const roleId of roleIds) if (!guild.roles.has(roleId)) throw discordErrors.unknownRole();
    const existing = guild.members.get(userId);
    if (existing) {
      existing.roleIds = [...new Set(roleIds)];
      this.emit('dispatch', {
        event: {
          t: GatewayDispatchEvents.GuildMemberUpdate,
          d: { ...serializeMember(existing, user), avatar: null, banner: null, guild_id: guild.id },
        },
        guildId: guild.id,
        intent: GatewayIntentBits.GuildMembers,
        contentGated: false,
      });
      return existing;
    }
    const member = this.putMember(guild, userId, roleIds);
    this.emit('dispatch', {
      event: { t: GatewayDispatchEvents.GuildMemberAdd, d: { ...serializeMember(member, user), guild_id: guild.id } },
      guildId: guild.id,
      intent: GatewayIntentBits.GuildMembers,
      contentGated: false,
    });
    return member;
  }

  /** The DM channel between the bot and a user, created on first use. */
  dmChannelFor(userId: string): ChannelRecord {
    this.requireUser(userId);
    const existingId = this.dmChannelByUser.get(userId);
    const existing = existingId === undefined ? undefined : this.channels.get(existingId);
    if (existing) return existing;
    const channel: ChannelRecord = {
      id: this.nextId(),
      type: ChannelType.DM,
      guildId: null,
      name: null,
      topic: null,
      parentId: null,
      position: 0,
      recipientId: userId,
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    this.dmChannelByUser.set(userId, channel.id);
    return channel;
  }

  sharesGuildWithBot(userId: string): boolean {
    for (const guild of this.guilds.values()) if (guild.members.has(userId) && guild.members.has(this.botUser.id)) return true;
    return false;
  }

  memberPermissions(guildId: string, userId: string): bigint {
    const guild = this.requireGuild(guildId);
    const member = guild.members.get(userId);
    if (!member) throw discordErrors.unknownMember();
    return computeMemberPermissions(guild, member);
  }

  guildSnapshot(guild: GuildRecord): GuildSnapshot {
    const members = [...guild.members.values()].map((member) => ({ member, user: this.requireUser(member.userId) }));
    const channels = guild.channelIds.map((id) => this.channels.get(id)).filter((channel) => channel !== undefined);
    const joinedAt = guild.members.get(this.botUser.id)?.joinedAt ?? this.isoNow();
    return { guild, channels, members, joinedAt };
  }

  requireUser(id: string): UserRecord {
    const user = this.users.get(id);
    if (!user) throw discordErrors.unknownUser();
    return user;
  }

  requireGuild(id: string): GuildRecord {
    const guild = this.guilds.get(id);
    if (!guild) throw discordErrors.unknownGuild();
    return guild;
  }

  requireChannel(id: string): ChannelRecord {
    const channel = this.channels.get(id);
    if (!channel) throw discordErrors.unknownChannel();
    return channel;
  }

  // Messages

  addMessage(message: StoredMessage): void {
    this.messagesById.set(message.api.id, message);
    const list = this.messagesByChannel.get(message.api.channel_id) ?? [];
    list.push(message);
    this.messagesByChannel.set(message.api.channel_id, list);
    const channel = this.channels.get(message.api.channel_id);
    if (channel) channel.lastMessageId = message.api.id;
    this.emit('message', 'create', message);
  }

  /** Tells listeners (and the gateway) that a stored message changed in place. */
  messageUpdated(message: StoredMessage): void {
    this.emit('message', 'update', message);
  }

  deleteMessage(message: StoredMessage): void {
    message.deleted = true;
    this.emit('message', 'delete', message);
  }

  findMessage(id: string): StoredMessage | undefined {
    const message = this.messagesById.get(id);
    return message && !message.deleted ? message : undefined;
  }

  requireMessage(channelId: string, id: string): StoredMessage {
    const message = this.findMessage(id);
    if (!message || message.api.channel_id !== channelId) throw discordErrors.unknownMessage();
    return message;
  }

  channelMessages(channelId: string): StoredMessage[] {
    return (this.messagesByChannel.get(channelId) ?? []).filter((message) => !message.deleted);
  }

  allMessages(): StoredMessage[] {
    return [...this.messagesById.values()].filter((message) => !message.deleted);
  }

  snapshotMessage(message: StoredMessage): APIMessage {
    return structuredClone(message.api);
  }

  private putRole(
    guild: GuildRecord,
    input: { name: string; permissions?: bigint; id?: string; position?: number; color?: number; mentionable?: boolean; managed?: boolean; botId?: string },
  ): RoleRecord {
    const role: RoleRecord = {
      id: input.id ?? this.nextId(),
      guildId: guild.id,
      name: input.name,
      permissions: input.permissions ?? 0n,
      position: input.position ?? guild.roles.size,
      color: input.color ?? 0,
      hoist: false,
      mentionable: input.mentionable ?? false,
      managed: input.managed ?? false,
      ...(input.botId ? { botId: input.botId } : {}),
    };
    guild.roles.set(role.id, role);
    return role;
  }

  private putMember(guild: GuildRecord, userId: string, roleIds: string[]): MemberRecord {
    const member: MemberRecord = { guildId: guild.id, userId, roleIds: [...new Set(roleIds)], nick: null, joinedAt: this.isoNow() };
    guild.members.set(userId, member);
    return member;
  }

  private putChannel(guild: GuildRecord, input: { name: string; type?: SupportedChannelType; topic?: string; parentId?: string }): ChannelRecord {
    if (input.type === ChannelType.DM) throw new Error('DM channels belong to users, not guilds: use sendDm or the bot’s POST /users/@me/channels');
    const channel: ChannelRecord = {
      id: this.nextId(),
      type: input.type ?? ChannelType.GuildText,
      guildId: guild.id,
      name: input.name,
      topic: input.topic ?? null,
      parentId: input.parentId ?? null,
      position: guild.channelIds.length,
      recipientId: null,
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    guild.channelIds.push(channel.id);
    return channel;
  }
}
