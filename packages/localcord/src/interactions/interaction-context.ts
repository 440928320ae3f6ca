import {
  ApplicationIntegrationType,
  InteractionContextType,
  InteractionType,
  MessageType,
  type APIChannel,
  type APIInteractionGuildMember,
  type APIMessageInteractionMetadata,
  type APIPartialInteractionGuild,
  type APIUser,
  type Locale,
} from 'discord-api-types/v10';
import { randomToken } from '../ids.js';
import { MAX_FILE_BYTES } from '../messages/compose-message.js';
import { DEFAULT_BOT_PERMISSIONS } from '../world/permissions.js';
import { serializeDmChannel, serializeGuildChannel, serializeMember, serializeUser } from '../world/serialize.js';
import type { World } from '../world/world.js';
import type { InteractionRecord } from './interaction-record.js';

export interface Actor {
  userId: string;
  /** The guild the user acts in; null in a DM with the bot. */
  guildId: string | null;
  channelId: string;
  locale?: Locale;
}

/** The fields every interaction payload carries, whatever its type. */
export interface InteractionEnvelope {
  id: string;
  application_id: string;
  token: string;
  version: 1;
  channel: APIChannel;
  channel_id: string;
  app_permissions: string;
  locale: Locale;
  entitlements: [];
  authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]?: string };
  context: InteractionContextType;
  attachment_size_limit: number;
  guild?: APIPartialInteractionGuild;
  guild_id?: string;
  guild_locale?: Locale;
  member?: APIInteractionGuildMember;
  user?: APIUser;
}

/**
 * Checks that the actor may act where they say (member of the guild, channel in the guild) and
 * builds the common part of the payload and the stored record.
 */
export function openInteraction(
  world: World,
  applicationId: string,
  actor: Actor,
  type: InteractionType,
  extra: {
    sourceMessageId?: string | null;
    metadata?: (base: {
      id: string;
      user: APIUser;
      authorizing_integration_owners: InteractionEnvelope['authorizing_integration_owners'];
    }) => APIMessageInteractionMetadata;
  } = {},
): { envelope: InteractionEnvelope; record: InteractionRecord } {
  const user = world.requireUser(actor.userId);
  const channel = world.requireChannel(actor.channelId);
  const id = world.nextId();
  const token = randomToken('aW50ZXJhY3Rpb24');
  const owners = { [ApplicationIntegrationType.GuildInstall]: actor.guildId ?? '0' };
  let envelope: InteractionEnvelope;
  if (actor.guildId !== null) {
    const guild = world.requireGuild(actor.guildId);
    if (channel.guildId !== guild.id) throw new Error(`channel ${channel.id} is not in guild ${guild.id}`);
    const member = guild.members.get(user.id);
    if (!member) throw new Error(`user ${user.username} (${user.id}) is not a member of guild ${guild.name}: addMember first`);
    envelope = {
      id,
      application_id: applicationId,
      token,
      version: 1,
      channel: { ...serializeGuildChannel(channel), guild_id: guild.id },
      channel_id: channel.id,
      app_permissions: world.memberPermissions(guild.id, world.botUser.id).toString(),
      locale: actor.locale ?? user.locale,
      entitlements: [],
      authorizing_integration_owners: owners,
      context: InteractionContextType.Guild,
      attachment_size_limit: MAX_FILE_BYTES,
      guild: { id: guild.id, locale: guild.preferredLocale, features: [] },
      guild_id: guild.id,
      guild_locale: guild.preferredLocale,
      member: { ...serializeMember(member, user), permissions: world.memberPermissions(guild.id, user.id).toString() },
    };
  } else {
    if (channel.recipientId !== user.id) throw new Error(`channel ${channel.id} is not ${user.username}'s DM with the bot`);
    envelope = {
      id,
      application_id: applicationId,
      token,
      version: 1,
      channel: serializeDmChannel(channel, user),
      channel_id: channel.id,
      app_permissions: DEFAULT_BOT_PERMISSIONS.toString(),
      locale: actor.locale ?? user.locale,
      entitlements: [],
      authorizing_integration_owners: owners,
      context: InteractionContextType.BotDM,
      attachment_size_limit: MAX_FILE_BYTES,
      user: serializeUser(user),
    };
  }
  const apiUser = serializeUser(user);
  const metadata = extra.metadata?.({ id, user: apiUser, authorizing_integration_owners: owners }) ?? {
    id,
    type: InteractionType.ApplicationCommand,
    user: apiUser,
    authorizing_integration_owners: owners,
  };
  const record: InteractionRecord = {
    id,
    token,
    type,
    applicationId,
    userId: user.id,
    guildId: actor.guildId,
    channelId: channel.id,
    sourceMessageId: extra.sourceMessageId ?? null,
    createdAt: world.clock(),
    state: 'pending',
    callback: null,
    originalMessageId: null,
    followUpIds: [],
    modal: null,
    choices: null,
    metadata,
    messageType: type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
  };
  return { envelope, record };
}
