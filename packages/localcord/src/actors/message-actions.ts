import type { APIEmbed, APIMessage } from 'discord-api-types/v10';
import { isAttachmentInput, toBuffer, type AttachmentInput } from '../interactions/command-options.js';
import { parseMessageBody } from '../messages/message-schema.js';
import type { ActorDeps } from './actor-context.js';

export interface UserMessageInput {
  channelId: string;
  userId: string;
  content?: string;
  embeds?: APIEmbed[];
  attachments?: AttachmentInput[];
  /** The id of the message this one replies to (Discord's reply: message_reference + referenced_message). */
  replyTo?: string;
  /** Whether the reply pings the replied-to author; Discord's client pings by default. */
  mentionRepliedUser?: boolean;
}

export type UserDmInput = Omit<UserMessageInput, 'channelId'>;

/** A user posts in a channel; the bot receives MESSAGE_CREATE (as its intents allow). */
export function sendUserMessage(deps: ActorDeps, input: UserMessageInput): APIMessage {
  const channel = deps.world.requireChannel(input.channelId);
  const author = deps.world.requireUser(input.userId);
  if (channel.guildId !== null && !deps.world.requireGuild(channel.guildId).members.has(author.id)) {
    throw new Error(`user ${author.username} is not a member of the channel's guild: addMember first`);
  }
  if (channel.recipientId !== null && channel.recipientId !== author.id) throw new Error(`channel ${channel.id} is another user's DM`);
  const files = (input.attachments ?? []).map((file) => {
    if (!isAttachmentInput(file)) throw new Error('attachments take { filename, bytes, contentType? }');
    return { filename: file.filename, bytes: toBuffer(file.bytes), contentType: file.contentType ?? 'application/octet-stream' };
  });
  const body = parseMessageBody(
    {
      content: input.content ?? '',
      embeds: input.embeds,
      ...(input.replyTo
        ? {
            message_reference: { message_id: input.replyTo },
            allowed_mentions: { parse: ['users', 'roles', 'everyone'], replied_user: input.mentionRepliedUser ?? true },
          }
        : {}),
    },
    { path: [], fileCount: files.length, mode: 'create' },
  );
  const message = deps.composer.create(channel, body, files, { author });
  deps.world.addMessage(message);
  return deps.world.snapshotMessage(message);
}

/** A user writes to the bot in DMs. */
export function sendUserDm(deps: ActorDeps, input: UserDmInput): APIMessage {
  const channel = deps.world.dmChannelFor(input.userId);
  return sendUserMessage(deps, { ...input, channelId: channel.id });
}
