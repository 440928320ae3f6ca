import { EventEmitter } from 'node:events';
import {
  GatewayDispatchEvents,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIInteraction,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
  type RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord-api-types/v10';
import { discordErrors } from '../errors.js';
import { FormErrors, parseBody } from '../form-errors.js';
import type { MessageComposer, MessageOrigin } from '../messages/compose-message.js';
import { parseMessageBody } from '../messages/message-schema.js';
import type { UploadedFile } from '../world/attachments.js';
import type { StoredMessage } from '../world/records.js';
import type { World } from '../world/world.js';
import type { InteractionCallback, InteractionRecord } from './interaction-record.js';
import { checkModalRules } from './modal-rules.js';
import { autocompleteDataSchema, callbackEnvelopeSchema, modalDataSchema } from './response-schema.js';

export const ACKNOWLEDGE_WITHIN_MS = 3000;
export const TOKEN_VALID_FOR_MS = 15 * 60 * 1000;

/** Which callback types each interaction type accepts. */
const ALLOWED_CALLBACKS: Record<InteractionType, readonly InteractionResponseType[]> = {
  [InteractionType.Ping]: [InteractionResponseType.Pong],
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
  ],
};

export interface InteractionServiceEvents {
  /** Anything about an interaction changed: its state, its original response, a follow-up. */
  change: [InteractionRecord];
  response: [InteractionRecord, InteractionCallback];
}

/**
 * The life of an interaction after the user acted: the callback (with Discord's 3-second rule and
 * one-response rule), then the webhook calls on its token — edits of `@original`, follow-ups —
 * for 15 minutes.
 */
export class InteractionService extends EventEmitter<InteractionServiceEvents> {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();

  constructor(
    private readonly world: World,
    private readonly composer: MessageComposer,
    private readonly strictTiming: boolean,
  ) {
    super();
    // Every waiting InteractionHandle listens here; a benchmark may hold a thousand at once.
    this.setMaxListeners(0);
  }

  /** Stores the interaction and sends INTERACTION_CREATE to the bot. */
  dispatch(record: InteractionRecord, payload: APIInteraction): void {
    this.byId.set(record.id, record);
    this.byToken.set(record.token, record);
    this.world.emit('dispatch', {
      event: { t: GatewayDispatchEvents.InteractionCreate, d: payload },
      guildId: record.guildId,
      intent: null,
      contentGated: false,
    });
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  /** Interactions the bot answered with a modal for this user, oldest first. */
  openModals(userId: string): InteractionRecord[] {
    return [...this.byId.values()].filter((record) => record.userId === userId && record.state === 'modal');
  }

  /** POST /interactions/:id/:token/callback */
  callback(id: string, token: string, raw: unknown, files: UploadedFile[], withResponse: boolean): RESTPostAPIInteractionCallbackWithResponseResult | null {
    const record = this.byId.get(id);
    if (!record || record.token !== token) throw discordErrors.unknownInteraction();
    if (this.strictTiming && this.world.clock() - record.createdAt > ACKNOWLEDGE_WITHIN_MS) throw discordErrors.unknownInteraction();
    if (record.state !== 'pending') throw discordErrors.alreadyAcknowledged();
    const envelope = parseBody(callbackEnvelopeSchema, raw);
    const type = envelope.type as InteractionResponseType;
    if (!ALLOWED_CALLBACKS[record.type].includes(type)) {
      const errors = new FormErrors();
      errors.add(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', `Interaction response type ${String(envelope.type)} is not valid for this interaction.`);
      throw errors.toError();
    }
    const message = this.applyCallback(record, type, envelope.data, files);
    const callback: InteractionCallback = { type, data: envelope.data, at: this.world.clock() };
    record.callback = callback;
    this.emit('response', record, callback);
    this.emit('change', record);
    if (!withResponse) return null;
    return {
      interaction: {
        id: record.id,
        type: record.type,
        ...(message
          ? {
              response_message_id: message.api.id,
              response_message_loading: ((message.api.flags ?? 0) & MessageFlags.Loading) !== 0,
              response_message_ephemeral: ((message.api.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
            }
          : {}),
      },
      resource: { type, ...(message ? { message: structuredClone(message.api) } : {}) },
    };
  }

  /** The interaction behind a webhook token, if the token is still valid. */
  fromWebhook(applicationId: string, token: string): InteractionRecord {
    const record = this.byToken.get(token);
    if (!record || record.applicationId !== applicationId) throw discordErrors.invalidWebhookToken();
    if (this.strictTiming && this.world.clock() - record.createdAt > TOKEN_VALID_FOR_MS) throw discordErrors.invalidWebhookToken();
    return record;
  }

  /** POST /webhooks/:app/:token — a follow-up; the first one after a deferred reply replaces the "thinking" message. */
  followUp(record: InteractionRecord, raw: unknown, files: UploadedFile[]): StoredMessage {
    if (record.state === 'pending' || record.state === 'autocompleted' || record.state === 'modal') throw discordErrors.unknownWebhook();
    const body = parseMessageBody(raw, { path: [], fileCount: files.length, mode: 'create' });
    const original = record.originalMessageId === null ? undefined : this.world.findMessage(record.originalMessageId);
    if (record.state === 'deferred' && original && isLoading(original.api)) {
      this.composer.edit(original, body, files, { clearFlags: MessageFlags.Loading, keepFlags: MessageFlags.Ephemeral });
      record.followUpIds.push(original.api.id);
      this.emit('change', record);
      return original;
    }
    const ephemeral = ((body.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
    const message = this.composer.create(this.world.requireChannel(record.channelId), body, files, this.origin(record, ephemeral, []));
    this.world.addMessage(message);
    record.followUpIds.push(message.api.id);
    this.emit('change', record);
    return message;
  }

  /** The response message a webhook route names: `@original` or one of the follow-ups. */
  responseMessage(record: InteractionRecord, messageId: string): StoredMessage {
    const id = messageId === '@original' ? record.originalMessageId : messageId;
    const belongs = id !== null && (id === record.originalMessageId || record.followUpIds.includes(id));
    const message = belongs ? this.world.findMessage(id) : undefined;
    if (!message) throw discordErrors.unknownMessage();
    return message;
  }

  /** PATCH /webhooks/:app/:token/messages/:id */
  editResponse(record: InteractionRecord, messageId: string, raw: unknown, files: UploadedFile[]): StoredMessage {
    const message = this.responseMessage(record, messageId);
    const body = parseMessageBody(raw, { path: [], fileCount: files.length, mode: 'edit' });
    this.composer.edit(message, body, files, { clearFlags: MessageFlags.Loading, keepFlags: MessageFlags.Ephemeral });
    this.emit('change', record);
    return message;
  }

  deleteResponse(record: InteractionRecord, messageId: string): void {
    const message = this.responseMessage(record, messageId);
    this.world.deleteMessage(message);
    this.emit('change', record);
  }

  private applyCallback(record: InteractionRecord, type: InteractionResponseType, data: unknown, files: UploadedFile[]): StoredMessage | null {
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource: {
        const body = parseMessageBody(data, { path: ['data'], fileCount: files.length, mode: 'create' });
        const ephemeral = ((body.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
        const message = this.composer.create(this.world.requireChannel(record.channelId), body, files, this.origin(record, ephemeral, ['data']));
        this.world.addMessage(message);
        record.originalMessageId = message.api.id;
        record.state = 'replied';
        return message;
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const flags = typeof (data as { flags?: unknown } | undefined)?.flags === 'number' ? (data as { flags: number }).flags : 0;
        const ephemeral = (flags & MessageFlags.Ephemeral) !== 0;
        const origin: MessageOrigin = { ...this.origin(record, ephemeral, ['data']), forcedFlags: MessageFlags.Loading, allowEmpty: true };
        const message = this.composer.create(this.world.requireChannel(record.channelId), { flags }, [], origin);
        this.world.addMessage(message);
        record.originalMessageId = message.api.id;
        record.state = 'deferred';
        return message;
      }
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage: {
        const source = record.sourceMessageId === null ? undefined : this.world.findMessage(record.sourceMessageId);
        if (!source) throw discordErrors.unknownMessage();
        if (type === InteractionResponseType.UpdateMessage) {
          const body = parseMessageBody(data ?? {}, { path: ['data'], fileCount: files.length, mode: 'edit' });
          this.composer.edit(source, body, files);
        }
        record.originalMessageId = source.api.id;
        record.state = type === InteractionResponseType.UpdateMessage ? 'updated' : 'deferredUpdate';
        return source;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult: {
        const parsed = parseBody(autocompleteDataSchema, data, ['data']);
        record.choices = parsed.choices.map((choice) => ({ name: choice.name, value: choice.value }));
        record.state = 'autocompleted';
        return null;
      }
      case InteractionResponseType.Modal: {
        const modal = parseBody(modalDataSchema, data, ['data']);
        const errors = new FormErrors();
        checkModalRules(modal.components, errors, ['data', 'components']);
        errors.throwIfAny();
        // The schema checked every field the type describes.
        record.modal = modal as APIModalInteractionResponseCallbackData;
        record.state = 'modal';
        return null;
      }
      default:
        throw discordErrors.invalidFormBody({
          type: { _errors: [{ code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: 'Unsupported interaction response type.' }] },
        });
    }
  }

  private origin(record: InteractionRecord, ephemeral: boolean, path: (string | number)[]): MessageOrigin {
    return {
      author: this.world.botUser,
      type: record.messageType,
      extraSettableFlags: MessageFlags.Ephemeral,
      webhookId: record.applicationId,
      applicationId: record.applicationId,
      interactionMetadata: record.metadata,
      interactionId: record.id,
      visibleToUserId: ephemeral ? record.userId : null,
      path,
    };
  }
}

function isLoading(message: APIMessage): boolean {
  return ((message.flags ?? 0) & MessageFlags.Loading) !== 0;
}
