import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import { discordErrors } from '../errors.js';
import { defineRoute, json, noContent, type Route, type RouteRequest } from '../http/router.js';
import { parseMessageBody } from '../messages/message-schema.js';
import { hasPermission } from '../world/permissions.js';
import type { ChannelRecord, StoredMessage } from '../world/records.js';
import { serializeChannel } from '../world/serialize.js';
import type { RouteDeps } from './route-deps.js';

export function channelRoutes(deps: RouteDeps): Route[] {
  const { world } = deps;
  const channel = (request: RouteRequest) => world.requireChannel(request.param('channelId'));
  const visibleMessage = (request: RouteRequest): StoredMessage => {
    const message = world.requireMessage(request.param('channelId'), request.param('messageId'));
    // Ephemeral messages are not reachable through channel routes.
    if (message.visibleToUserId !== null) throw discordErrors.unknownMessage();
    return message;
  };

  return [
    defineRoute('GET', '/channels/:channelId', {}, (request) => {
      const found = channel(request);
      return json(serializeChannel(found, found.recipientId ? world.users.get(found.recipientId) : undefined));
    }),
    defineRoute('GET', '/channels/:channelId/messages', {}, (request) => {
      const found = channel(request);
      assertBotMay(deps, found, PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory);
      return json(listMessages(world.channelMessages(found.id), request.query).map((message) => world.snapshotMessage(message)));
    }),
    defineRoute('POST', '/channels/:channelId/messages', { limit: 'channel-messages' }, (request) => {
      const found = channel(request);
      assertBotMaySend(deps, found, request.files.length > 0);
      const body = parseMessageBody(request.body, { path: [], fileCount: request.files.length, mode: 'create' });
      const nonce = body.enforce_nonce && body.nonce !== undefined && body.nonce !== null ? body.nonce : undefined;
      if (nonce !== undefined) {
        const earlierId = deps.nonces.find(world.botUser.id, nonce);
        const earlier = earlierId === undefined ? undefined : world.findMessage(earlierId);
        if (earlier) return json(world.snapshotMessage(earlier));
      }
      const message = deps.composer.create(found, body, request.files, { author: world.botUser });
      world.addMessage(message);
      if (nonce !== undefined) deps.nonces.remember(world.botUser.id, nonce, message.api.id);
      return json(world.snapshotMessage(message));
    }),
    defineRoute('GET', '/channels/:channelId/messages/:messageId', {}, (request) => json(world.snapshotMessage(visibleMessage(request)))),
    defineRoute('PATCH', '/channels/:channelId/messages/:messageId', {}, (request) => {
      const message = visibleMessage(request);
      if (message.api.author.id !== world.botUser.id) throw discordErrors.cannotEditOthersMessage();
      const body = parseMessageBody(request.body, { path: [], fileCount: request.files.length, mode: 'edit' });
      deps.composer.edit(message, body, request.files);
      return json(world.snapshotMessage(message));
    }),
    defineRoute('DELETE', '/channels/:channelId/messages/:messageId', {}, (request) => {
      const message = visibleMessage(request);
      if (message.api.author.id !== world.botUser.id) assertBotMay(deps, channel(request), PermissionFlagsBits.ManageMessages);
      world.deleteMessage(message);
      return noContent();
    }),
    defineRoute('POST', '/channels/:channelId/typing', {}, (request) => {
      channel(request);
      return noContent();
    }),
  ];
}

function assertBotMay(deps: RouteDeps, channel: ChannelRecord, needed: bigint): void {
  if (channel.guildId === null) return;
  const permissions = deps.world.memberPermissions(channel.guildId, deps.world.botUser.id);
  if (!hasPermission(permissions, PermissionFlagsBits.ViewChannel)) throw discordErrors.missingAccess();
  if (!hasPermission(permissions, needed)) throw discordErrors.missingPermissions();
}

/** Guild channels need the bot's permissions; DMs need a recipient who accepts them. */
function assertBotMaySend(deps: RouteDeps, channel: ChannelRecord, withFiles: boolean): void {
  if (channel.type === ChannelType.GuildCategory) throw discordErrors.cannotSendToUser();
  if (channel.guildId !== null) {
    assertBotMay(deps, channel, PermissionFlagsBits.SendMessages | (withFiles ? PermissionFlagsBits.AttachFiles : 0n));
    return;
  }
  const recipient = channel.recipientId === null ? undefined : deps.world.users.get(channel.recipientId);
  // Discord refuses DMs to users who block them, to other bots, and to users sharing no guild with the bot.
  if (!recipient || recipient.blocksDms || recipient.bot || !deps.world.sharesGuildWithBot(recipient.id)) throw discordErrors.cannotSendToUser();
}

function listMessages(messages: StoredMessage[], query: URLSearchParams): StoredMessage[] {
  const limit = Math.min(Math.max(Number(query.get('limit') ?? 50) || 50, 1), 100);
  const visible = messages.filter((message) => message.visibleToUserId === null);
  const before = query.get('before');
  const after = query.get('after');
  const inRange = visible.filter(
    (message) => (before === null || BigInt(message.api.id) < BigInt(before)) && (after === null || BigInt(message.api.id) > BigInt(after)),
  );
  // Newest first, as Discord lists them; `after` pages take the oldest ones after the id.
  const chosen = after !== null ? inRange.slice(0, limit) : inRange.slice(-limit);
  return chosen.reverse();
}
