export { startLocalcord, Localcord } from './localcord.js';
export type {
  InteractionResponseEvent,
  LocalChannel,
  LocalGuild,
  LocalMember,
  LocalRole,
  LocalUser,
  LocalcordEvents,
  LocalcordOptions,
  MessageEvent,
} from './public-types.js';
export { createAdjustableClock, type AdjustableClock, type Clock } from './clock.js';
export type { ShardSpec } from './gateway/shards.js';
export type { NewGuild } from './world/world.js';
export { InteractionHandle } from './interactions/interaction-handle.js';
export type { InteractionCallback, InteractionState } from './interactions/interaction-record.js';
export type { AttachmentInput, OptionInput, OptionInputs } from './interactions/command-options.js';
export type { AutocompleteInput, SlashCommandInput } from './actors/command-actions.js';
export type { ButtonClickInput, SelectInput } from './actors/component-actions.js';
export type { ModalFieldInput, ModalSubmitInput } from './actors/modal-actions.js';
export type { UserDmInput, UserMessageInput } from './actors/message-actions.js';
export type { FaultSpec } from './http/faults.js';
export type { LoggedFile, LoggedRequest, RequestFilter, RequestLog } from './http/request-log.js';
