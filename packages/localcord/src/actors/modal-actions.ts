import {
  ComponentType,
  InteractionType,
  type APIInteractionDataResolved,
  type APIModalInteractionResponseCallbackComponent,
  type APIModalSubmitInteraction,
  type APIModalSubmissionComponent,
  type APIApplicationCommandInteractionMetadata,
  type APIMessageComponentInteractionMetadata,
  type Locale,
  type ModalSubmitComponent,
} from 'discord-api-types/v10';
import { isAttachmentInput, resolveRole, resolveUser, toBuffer, type AttachmentInput } from '../interactions/command-options.js';
import { openInteraction } from '../interactions/interaction-context.js';
import type { InteractionHandle } from '../interactions/interaction-handle.js';
import type { InteractionRecord } from '../interactions/interaction-record.js';
import { handleFor, type ActorDeps } from './actor-context.js';

/** A text input's text, the values of a select, the files of a file upload, a checkbox's state. */
export type ModalFieldInput = string | string[] | boolean | null | AttachmentInput[];

export interface ModalSubmitInput {
  userId: string;
  /** Values by the custom_id of each input (text inputs, and selects or file uploads inside Label components). */
  fields: Record<string, ModalFieldInput>;
  /** The interaction the bot answered with the modal; otherwise the user's latest open modal (with this customId, if given). */
  from?: InteractionHandle;
  customId?: string;
  locale?: Locale;
}

interface SubmitContext {
  deps: ActorDeps;
  guildId: string | null;
  fields: Record<string, ModalFieldInput>;
  used: Set<string>;
  resolved: APIInteractionDataResolved;
  nextId: () => number;
}

/**
 * A user fills in and submits a modal the bot opened. Checks what Discord's client checks
 * (required inputs, lengths, select values, unknown fields) and sends the submission shaped like
 * Discord's: action rows of text inputs, Label components with their one child, text displays.
 */
export function submitModal(deps: ActorDeps, input: ModalSubmitInput, submitted: Set<string>): InteractionHandle {
  const opener = findOpener(deps, input, submitted);
  const modal = opener.modal;
  if (!modal) throw new Error('that interaction has no modal');
  let counter = 0;
  const context: SubmitContext = {
    deps,
    guildId: opener.guildId,
    fields: input.fields,
    used: new Set(),
    resolved: {},
    nextId: () => (counter += 1),
  };
  const components = modal.components.map((component) => submitComponent(component, context));
  const unknown = Object.keys(input.fields).filter((key) => !context.used.has(key));
  if (unknown.length) throw new Error(`modal "${modal.custom_id}" has no input ${unknown.join(', ')}`);
  submitted.add(opener.id);

  const source = opener.sourceMessageId === null ? undefined : deps.world.findMessage(opener.sourceMessageId);
  const actor = { userId: input.userId, guildId: opener.guildId, channelId: opener.channelId, ...(input.locale ? { locale: input.locale } : {}) };
  const { envelope, record } = openInteraction(deps.world, deps.applicationId, actor, InteractionType.ModalSubmit, {
    sourceMessageId: source?.api.id ?? null,
    metadata: (base) => ({
      ...base,
      type: InteractionType.ModalSubmit,
      triggering_interaction_metadata: opener.metadata as APIApplicationCommandInteractionMetadata | APIMessageComponentInteractionMetadata,
    }),
  });
  const resolved = Object.keys(context.resolved).length ? { resolved: context.resolved } : {};
  const payload = {
    ...envelope,
    type: InteractionType.ModalSubmit,
    data: { custom_id: modal.custom_id, components, ...resolved },
    ...(source ? { message: deps.world.snapshotMessage(source) } : {}),
  } satisfies APIModalSubmitInteraction;
  deps.interactions.dispatch(record, payload);
  return handleFor(deps, record);
}

function findOpener(deps: ActorDeps, input: ModalSubmitInput, submitted: Set<string>): InteractionRecord {
  if (input.from) {
    const record = deps.interactions.get(input.from.id);
    if (!record || record.state !== 'modal') throw new Error('that interaction was not answered with a modal');
    if (record.userId !== input.userId) throw new Error('the modal was opened for another user');
    if (submitted.has(record.id)) throw new Error('that modal was already submitted');
    return record;
  }
  const open = deps.interactions
    .openModals(input.userId)
    .filter((record) => !submitted.has(record.id) && (input.customId === undefined || record.modal?.custom_id === input.customId));
  const latest = open.at(-1);
  if (!latest) throw new Error(`user ${input.userId} has no open modal${input.customId ? ` "${input.customId}"` : ''}`);
  return latest;
}

function submitComponent(component: APIModalInteractionResponseCallbackComponent, context: SubmitContext): APIModalSubmissionComponent {
  const id = component.id ?? context.nextId();
  switch (component.type) {
    case ComponentType.ActionRow:
      return {
        type: ComponentType.ActionRow,
        id,
        components: component.components.map((input) => {
          const value = textValue(input.custom_id, input, context);
          return { type: ComponentType.TextInput, id: input.id ?? context.nextId(), custom_id: input.custom_id, value };
        }),
      };
    case ComponentType.Label:
      return { type: ComponentType.Label, id, component: submitLabelChild(component.component, context) };
    case ComponentType.TextDisplay:
      return { type: ComponentType.TextDisplay, id };
  }
}

type LabelChild = Extract<APIModalInteractionResponseCallbackComponent, { type: ComponentType.Label }>['component'];

function submitLabelChild(child: LabelChild, context: SubmitContext): ModalSubmitComponent {
  const id = child.id ?? context.nextId();
  const customId = child.custom_id;
  const at = `modal input "${customId}"`;
  switch (child.type) {
    case ComponentType.TextInput:
      return { type: ComponentType.TextInput, id, custom_id: customId, value: textValue(customId, child, context) };
    case ComponentType.StringSelect: {
      const values = listValue(customId, child, context);
      const allowed = new Set(child.options.map((option) => option.value));
      const unknown = values.filter((value) => !allowed.has(value));
      if (unknown.length) throw new Error(`${at} has no option ${unknown.join(', ')}`);
      return { type: ComponentType.StringSelect, id, custom_id: customId, values };
    }
    case ComponentType.UserSelect:
    case ComponentType.RoleSelect:
    case ComponentType.MentionableSelect:
    case ComponentType.ChannelSelect: {
      const values = listValue(customId, child, context);
      const where = { world: context.deps.world, guildId: context.guildId };
      for (const value of values) {
        if (child.type === ComponentType.RoleSelect || (child.type === ComponentType.MentionableSelect && !context.deps.world.users.has(value)))
          resolveRole(value, where, context.resolved, at);
        else if (child.type === ComponentType.ChannelSelect) {
          const channel = context.deps.world.requireChannel(value);
          (context.resolved.channels ??= {})[value] = { id: value, name: channel.name ?? '', type: channel.type, permissions: '0' };
        } else resolveUser(value, where, context.resolved, at);
      }
      return { type: child.type, id, custom_id: customId, values };
    }
    case ComponentType.FileUpload: {
      const files = fileValue(customId, child, context);
      const values = files.map((file) => {
        const stored = context.deps.attachments.put('ephemeral', {
          filename: file.filename,
          bytes: toBuffer(file.bytes),
          contentType: file.contentType ?? 'application/octet-stream',
        });
        (context.resolved.attachments ??= {})[stored.id] = context.deps.attachments.toApi(stored, { ephemeral: true });
        return stored.id;
      });
      return { type: ComponentType.FileUpload, id, custom_id: customId, values };
    }
    case ComponentType.RadioGroup: {
      const value = context.fields[customId];
      context.used.add(customId);
      return { type: ComponentType.RadioGroup, id, custom_id: customId, value: typeof value === 'string' ? value : null };
    }
    case ComponentType.CheckboxGroup: {
      const value = context.fields[customId];
      context.used.add(customId);
      return { type: ComponentType.CheckboxGroup, id, custom_id: customId, values: Array.isArray(value) ? value.map(String) : [] };
    }
    case ComponentType.Checkbox: {
      context.used.add(customId);
      return { type: ComponentType.Checkbox, id, custom_id: customId, value: context.fields[customId] === true };
    }
  }
}

function textValue(customId: string, input: { required?: boolean; min_length?: number; max_length?: number; value?: string }, context: SubmitContext): string {
  context.used.add(customId);
  const given = context.fields[customId];
  if (given !== undefined && typeof given !== 'string') throw new Error(`modal input "${customId}" is a text input: give a string`);
  const value = given ?? input.value ?? '';
  const required = input.required ?? true;
  if (required && value.length === 0) throw new Error(`modal input "${customId}" is required`);
  if (value.length > 0 && input.min_length !== undefined && value.length < input.min_length)
    throw new Error(`modal input "${customId}" needs at least ${input.min_length} characters`);
  if (value.length > (input.max_length ?? 4000)) throw new Error(`modal input "${customId}" takes at most ${input.max_length ?? 4000} characters`);
  return value;
}

function listValue(customId: string, input: { required?: boolean; min_values?: number; max_values?: number }, context: SubmitContext): string[] {
  context.used.add(customId);
  const given = context.fields[customId];
  if (given !== undefined && given !== null && !(Array.isArray(given) && given.every((value) => typeof value === 'string'))) {
    throw new Error(`modal input "${customId}" is a select: give an array of values`);
  }
  const values = (given ?? []) as string[];
  checkCount(customId, values.length, input);
  return values;
}

function fileValue(customId: string, input: { required?: boolean; min_values?: number; max_values?: number }, context: SubmitContext): AttachmentInput[] {
  context.used.add(customId);
  const given = context.fields[customId];
  if (given !== undefined && given !== null && !(Array.isArray(given) && given.every(isAttachmentInput))) {
    throw new Error(`modal input "${customId}" is a file upload: give [{ filename, bytes }]`);
  }
  const files = (given ?? []) as AttachmentInput[];
  checkCount(customId, files.length, input);
  return files;
}

function checkCount(customId: string, count: number, input: { required?: boolean; min_values?: number; max_values?: number }): void {
  const required = input.required ?? true;
  if (count === 0 && !required) return;
  const min = input.min_values ?? 1;
  const max = input.max_values ?? 1;
  if (count < min || count > max) throw new Error(`modal input "${customId}" takes ${min}–${max} values, got ${count}`);
}
