import {
  MessageFlags,
  MessageReferenceType,
  MessageType,
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIMessageTopLevelComponent,
} from 'discord-api-types/v10';
import { DiscordError, discordErrors } from '../errors.js';
import { FormErrors, type FormPath } from '../form-errors.js';
import type { AttachmentStore, UploadedFile } from '../world/attachments.js';
import type { ChannelRecord, StoredMessage, UserRecord } from '../world/records.js';
import { serializeUser } from '../world/serialize.js';
import type { World } from '../world/world.js';
import { resolveMentions } from './mentions.js';
import type { EmbedInput, MessageBody } from './message-schema.js';

/** Files larger than this are refused with 413, Discord's limit for servers without boosts. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Flags a message author may set; anything else in `flags` is ignored, as Discord does. */
export const SETTABLE_FLAGS = MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;

export interface MessageOrigin {
  author: UserRecord;
  type?: MessageType;
  /** Extra flags the author may set here (Ephemeral inside interaction responses). */
  extraSettableFlags?: number;
  /** Flags set regardless of the body (Loading for a deferred reply). */
  forcedFlags?: number;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: APIMessageInteractionMetadata;
  interactionId?: string | null;
  visibleToUserId?: string | null;
  /** Where field errors go in the error body: `['data']` for interaction callbacks. */
  path?: FormPath;
  /** Only the "thinking" message of a deferred reply may be empty. */
  allowEmpty?: boolean;
}

/** Turns validated request bodies into stored messages, and applies edits the way Discord does. */
export class MessageComposer {
  constructor(
    private readonly world: World,
    private readonly attachments: AttachmentStore,
  ) {}

  create(channel: ChannelRecord, body: MessageBody, files: readonly UploadedFile[], origin: MessageOrigin): StoredMessage {
    checkFileSizes(files);
    const path = origin.path ?? [];
    const referenced = this.resolveReference(channel, body, path);
    const content = body.content ?? '';
    const mentions = resolveMentions(content, body.allowed_mentions, referenced?.api.author.id ?? null);
    const flags = ((body.flags ?? 0) & (SETTABLE_FLAGS | (origin.extraSettableFlags ?? 0))) | (origin.forcedFlags ?? 0);
    const type = origin.type ?? (referenced ? MessageType.Reply : MessageType.Default);
    const api: APIMessage = {
      id: this.world.nextId(),
      channel_id: channel.id,
      author: serializeUser(origin.author),
      content,
      timestamp: this.world.isoNow(),
      edited_timestamp: null,
      tts: body.tts ?? false,
      mention_everyone: mentions.everyone,
      mentions: this.users(mentions.userIds),
      mention_roles: mentions.roleIds,
      attachments: this.attach(channel, [], body, files),
      embeds: (body.embeds ?? []).map(toApiEmbed),
      components: (body.components ?? []) as APIMessageTopLevelComponent[],
      pinned: false,
      type,
      flags,
      ...(body.nonce === undefined || body.nonce === null ? {} : { nonce: body.nonce }),
      ...(origin.webhookId ? { webhook_id: origin.webhookId } : {}),
      ...(origin.applicationId ? { application_id: origin.applicationId } : {}),
      ...(origin.interactionMetadata ? { interaction_metadata: origin.interactionMetadata } : {}),
      ...(referenced
        ? {
            message_reference: {
              type: MessageReferenceType.Default,
              message_id: referenced.api.id,
              channel_id: channel.id,
              ...(channel.guildId ? { guild_id: channel.guildId } : {}),
            },
            referenced_message: withoutReference(referenced.api),
          }
        : {}),
    };
    if (!origin.allowEmpty) assertNotEmpty(api);
    return {
      api,
      visibleToUserId: origin.visibleToUserId ?? null,
      interactionId: origin.interactionId ?? null,
      createdAt: this.world.clock(),
      deleted: false,
    };
  }

  /** Applies a PATCH body to a stored message in place and tells the world it changed. */
  edit(message: StoredMessage, body: MessageBody, files: readonly UploadedFile[], options: { keepFlags?: number; clearFlags?: number } = {}): void {
    checkFileSizes(files);
    const api = message.api;
    const channel = this.world.requireChannel(api.channel_id);
    const next: APIMessage = { ...api };
    if (body.content !== undefined) next.content = body.content ?? '';
    if (body.embeds !== undefined) next.embeds = (body.embeds ?? []).map(toApiEmbed);
    if (body.components !== undefined) next.components = (body.components ?? []) as APIMessageTopLevelComponent[];
    if (body.flags !== undefined && body.flags !== null) {
      const kept = (api.flags ?? 0) & ~SETTABLE_FLAGS;
      next.flags = kept | (body.flags & SETTABLE_FLAGS);
    }
    if (options.clearFlags) next.flags = (next.flags ?? 0) & ~options.clearFlags;
    if (options.keepFlags) next.flags = (next.flags ?? 0) | ((api.flags ?? 0) & options.keepFlags);
    next.attachments = this.attach(channel, api.attachments, body, files);
    if (body.content !== undefined || body.allowed_mentions !== undefined) {
      const mentions = resolveMentions(next.content, body.allowed_mentions, api.referenced_message?.author.id ?? null);
      next.mentions = this.users(mentions.userIds);
      next.mention_roles = mentions.roleIds;
      next.mention_everyone = mentions.everyone;
    }
    assertNotEmpty(next);
    next.edited_timestamp = this.world.isoNow();
    message.api = next;
    this.world.messageUpdated(message);
  }

  private resolveReference(channel: ChannelRecord, body: MessageBody, path: FormPath): StoredMessage | undefined {
    const reference = body.message_reference;
    if (!reference) return undefined;
    const found = this.world.findMessage(reference.message_id);
    if (found && found.api.channel_id === (reference.channel_id ?? channel.id) && found.visibleToUserId === null) return found;
    if (reference.fail_if_not_exists === false) return undefined;
    const errors = new FormErrors();
    errors.add([...path, 'message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
    throw errors.toError();
  }

  /**
   * With an `attachments` list, keeps the listed existing attachments and adds the listed new
   * files (referenced by their `files[n]` index); files nobody listed are added as well.
   */
  private attach(channel: ChannelRecord, existing: readonly APIAttachment[], body: MessageBody, files: readonly UploadedFile[]): APIAttachment[] {
    const kept: APIAttachment[] = body.attachments ? [] : [...existing];
    const usedFiles = new Set<number>();
    for (const reference of body.attachments ?? []) {
      const id = String(reference.id);
      const current = existing.find((attachment) => attachment.id === id);
      if (current) {
        kept.push(current);
        continue;
      }
      const index = Number(id);
      const file = files[index];
      if (!Number.isInteger(index) || file === undefined) {
        const errors = new FormErrors();
        errors.add(['attachments', id], 'ATTACHMENT_NOT_FOUND', 'Attachment data not found');
        throw errors.toError();
      }
      usedFiles.add(index);
      const stored = this.attachments.put(channel.id, { ...file, filename: reference.filename ?? file.filename });
      kept.push(this.attachments.toApi(stored, { description: reference.description ?? undefined, title: reference.title ?? undefined }));
    }
    files.forEach((file, index) => {
      if (!usedFiles.has(index)) kept.push(this.attachments.toApi(this.attachments.put(channel.id, file)));
    });
    return kept;
  }

  private users(ids: readonly string[]) {
    return ids.flatMap((id) => {
      const user = this.world.users.get(id);
      return user ? [serializeUser(user)] : [];
    });
  }
}

function toApiEmbed(embed: EmbedInput): APIEmbed {
  // The schema already checked every limit; what Discord stores is what was sent, typed as rich.
  return { ...(stripNulls(embed) as APIEmbed), type: 'rich' as APIEmbed['type'] };
}

function stripNulls(value: object): object {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== null && entry !== undefined));
}

function withoutReference(message: APIMessage): APIMessage {
  const copy = structuredClone(message);
  delete copy.referenced_message;
  return copy;
}

function assertNotEmpty(message: APIMessage): void {
  const empty =
    message.content.trim() === '' &&
    message.embeds.length === 0 &&
    message.attachments.length === 0 &&
    (message.components?.length ?? 0) === 0 &&
    (message.sticker_items?.length ?? 0) === 0;
  if (empty) throw discordErrors.cannotSendEmptyMessage();
}

function checkFileSizes(files: readonly UploadedFile[]): void {
  if (files.some((file) => file.bytes.length > MAX_FILE_BYTES)) throw new DiscordError(413, 40005, 'Request entity too large');
}
