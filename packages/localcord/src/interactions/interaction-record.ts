import type {
  APIApplicationCommandOptionChoice,
  APIMessageInteractionMetadata,
  APIModalInteractionResponseCallbackData,
  InteractionResponseType,
  InteractionType,
} from 'discord-api-types/v10';

/**
 * pending → one of: replied (4), deferred (5), deferredUpdate (6), updated (7),
 * autocompleted (8), modal (9). Only a pending interaction accepts a callback.
 */
export type InteractionState = 'pending' | 'replied' | 'deferred' | 'deferredUpdate' | 'updated' | 'autocompleted' | 'modal';

export interface InteractionCallback {
  type: InteractionResponseType;
  /** The callback's `data` as the bot sent it (after multipart decoding). */
  data: unknown;
  /** Server clock when the callback arrived. */
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  applicationId: string;
  userId: string;
  guildId: string | null;
  channelId: string;
  /** The message whose component was used (components, and modals opened from one). */
  sourceMessageId: string | null;
  createdAt: number;
  state: InteractionState;
  callback: InteractionCallback | null;
  /** The message `@original` refers to: the reply, the "thinking" message, or the source message. */
  originalMessageId: string | null;
  followUpIds: string[];
  modal: APIModalInteractionResponseCallbackData | null;
  choices: APIApplicationCommandOptionChoice[] | null;
  metadata: APIMessageInteractionMetadata;
  /** The response messages' type: ChatInputCommand for commands, Default otherwise. */
  messageType: number;
}
