import {
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  ThreadAutoArchiveDuration,
  type APIChannel,
  type APIDMChannel,
  type APIGuildCategoryChannel,
  type APINewsChannel,
  type APITextChannel,
  type GuildMemberFlags,
  type RoleFlags,
  type APIGuild,
  type APIGuildMember,
  type APIRole,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord-api-types/v10';
import type { ChannelRecord, GuildRecord, MemberRecord, RoleRecord, UserRecord } from './records.js';

/** Flag fields with nothing set; the enums have no member for 0. */
const NO_FLAGS = 0;

export function serializeUser(user: UserRecord): APIUser {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: null,
    bot: user.bot,
  };
}

export function serializeRole(role: RoleRecord): APIRole {
  return {
    id: role.id,
    name: role.name,
    color: role.color,
    colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
    hoist: role.hoist,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: role.mentionable,
    flags: NO_FLAGS as RoleFlags,
    ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
  };
}

/** A member without its user, as inside MESSAGE_CREATE and resolved data. */
export function serializePartialMember(member: MemberRecord): Omit<APIGuildMember, 'user'> {
  return {
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: [...member.roleIds],
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: NO_FLAGS as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
  };
}

export function serializeMember(member: MemberRecord, user: UserRecord): APIGuildMember & { user: APIUser } {
  return { ...serializePartialMember(member), user: serializeUser(user) };
}

export function serializeDmChannel(channel: ChannelRecord, recipient: UserRecord | undefined): APIDMChannel {
  return {
    id: channel.id,
    type: ChannelType.DM,
    name: null,
    last_message_id: channel.lastMessageId,
    recipients: recipient ? [serializeUser(recipient)] : [],
  };
}

export type SerializedGuildChannel = APITextChannel | APINewsChannel | APIGuildCategoryChannel;

export function serializeGuildChannel(channel: ChannelRecord): SerializedGuildChannel {
  const base = {
    id: channel.id,
    guild_id: channel.guildId ?? undefined,
    name: channel.name ?? 'channel',
    position: channel.position,
    permission_overwrites: [],
    parent_id: channel.parentId,
    nsfw: false,
  };
  const textFields = {
    topic: channel.topic,
    last_message_id: channel.lastMessageId,
    rate_limit_per_user: 0,
    default_auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
    last_pin_timestamp: null,
  };
  switch (channel.type) {
    case ChannelType.GuildCategory:
      return { ...base, parent_id: null, type: ChannelType.GuildCategory };
    case ChannelType.GuildAnnouncement:
      return { ...base, ...textFields, type: ChannelType.GuildAnnouncement };
    default:
      return { ...base, ...textFields, type: ChannelType.GuildText };
  }
}

export function serializeChannel(channel: ChannelRecord, recipient?: UserRecord): APIChannel {
  return channel.type === ChannelType.DM ? serializeDmChannel(channel, recipient) : serializeGuildChannel(channel);
}

export function serializeGuild(guild: GuildRecord): APIGuild {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    region: 'local',
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [...guild.roles.values()].map(serializeRole),
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    max_presences: null,
    max_members: 500_000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: guild.preferredLocale,
    public_updates_channel_id: null,
    max_video_channel_users: 25,
    max_stage_video_channel_users: 50,
    approximate_member_count: guild.members.size,
    approximate_presence_count: 0,
    nsfw_level: GuildNSFWLevel.Default,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
  };
}

export interface GuildSnapshot {
  guild: GuildRecord;
  channels: ChannelRecord[];
  members: { member: MemberRecord; user: UserRecord }[];
  joinedAt: string;
}

export function serializeGuildCreate(snapshot: GuildSnapshot): GatewayGuildCreateDispatchData {
  return {
    ...serializeGuild(snapshot.guild),
    joined_at: snapshot.joinedAt,
    large: false,
    unavailable: false,
    member_count: snapshot.members.length,
    voice_states: [],
    members: snapshot.members.map(({ member, user }) => serializeMember(member, user)),
    channels: snapshot.channels.map(serializeGuildChannel),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
