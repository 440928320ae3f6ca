import { MessageFlags } from 'discord-api-types/v10';
import { z } from 'zod';
import { FormErrors, parseBody, type FormPath } from '../form-errors.js';
import { checkComponentRules } from './component-rules.js';
import { legacyComponentsSchema, v2ComponentsSchema } from './component-schema.js';

export const MAX_CONTENT_LENGTH = 2000;
export const MAX_EMBEDS = 10;
export const MAX_EMBED_TOTAL = 6000;
export const MAX_FILES = 10;

const embedSchema = z
  .object({
    title: z.string().max(256).nullish(),
    type: z.string().nullish(),
    description: z.string().max(4096).nullish(),
    url: z.string().nullish(),
    timestamp: z.string().nullish(),
    color: z.number().int().min(0).max(0xffffff).nullish(),
    footer: z
      .object({ text: z.string().max(2048), icon_url: z.string().nullish() })
      .loose()
      .nullish(),
    image: z.object({ url: z.string() }).loose().nullish(),
    thumbnail: z.object({ url: z.string() }).loose().nullish(),
    author: z
      .object({ name: z.string().max(256), url: z.string().nullish(), icon_url: z.string().nullish() })
      .loose()
      .nullish(),
    fields: z
      .array(z.object({ name: z.string().min(1).max(256), value: z.string().min(1).max(1024), inline: z.boolean().nullish() }).loose())
      .max(25)
      .nullish(),
  })
  .loose();

export type EmbedInput = z.infer<typeof embedSchema>;

const allowedMentionsSchema = z
  .object({
    parse: z.array(z.enum(['users', 'roles', 'everyone'])).nullish(),
    users: z.array(z.string()).max(100).nullish(),
    roles: z.array(z.string()).max(100).nullish(),
    replied_user: z.boolean().nullish(),
  })
  .loose();

export type AllowedMentionsInput = z.infer<typeof allowedMentionsSchema>;

const attachmentRefSchema = z
  .object({
    id: z.union([z.string(), z.number()]),
    filename: z.string().max(1024).nullish(),
    description: z.string().max(1024).nullish(),
    title: z.string().max(1024).nullish(),
  })
  .loose();

const messageBodySchema = z
  .object({
    content: z.string().max(MAX_CONTENT_LENGTH).nullish(),
    nonce: z.union([z.string().max(25), z.number().int()]).nullish(),
    enforce_nonce: z.boolean().nullish(),
    tts: z.boolean().nullish(),
    embeds: z.array(embedSchema).max(MAX_EMBEDS).nullish(),
    allowed_mentions: allowedMentionsSchema.nullish(),
    message_reference: z
      .object({
        message_id: z.string(),
        channel_id: z.string().nullish(),
        guild_id: z.string().nullish(),
        fail_if_not_exists: z.boolean().nullish(),
        type: z.number().int().nullish(),
      })
      .loose()
      .nullish(),
    components: z.array(z.unknown()).nullish(),
    sticker_ids: z.array(z.string()).max(3).nullish(),
    attachments: z.array(attachmentRefSchema).max(MAX_FILES).nullish(),
    flags: z.number().int().nullish(),
  })
  .loose();

export type MessageBody = z.infer<typeof messageBodySchema>;

export interface MessageBodyContext {
  /** Where field errors go: `[]` for channel messages, `['data']` inside an interaction callback. */
  path: FormPath;
  /** How many files came with the request (multipart `files[n]`). */
  fileCount: number;
  /** Edits may leave out everything; creations may not end up empty (checked after merging). */
  mode: 'create' | 'edit';
}

/** Validates a message body the way Discord does and answers 50035 with every problem found. */
export function parseMessageBody(raw: unknown, context: MessageBodyContext): MessageBody {
  const body = parseBody(messageBodySchema, raw ?? {}, context.path);
  const errors = new FormErrors();
  const v2 = ((body.flags ?? 0) & MessageFlags.IsComponentsV2) !== 0;

  if (body.components) {
    const schema = v2 ? v2ComponentsSchema : legacyComponentsSchema;
    const result = schema.safeParse(body.components, { reportInput: true });
    if (!result.success) errors.addZodIssues(result.error.issues, [...context.path, 'components']);
    else checkComponentRules(body.components, errors, [...context.path, 'components'], v2);
  }
  if (v2 && body.content)
    errors.add(
      [...context.path, 'content'],
      'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      "The 'content' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    );
  if (v2 && body.embeds?.length)
    errors.add(
      [...context.path, 'embeds'],
      'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
      "The 'embeds' field cannot be used when using MessageFlags.IS_COMPONENTS_V2",
    );
  if (body.embeds && embedsLength(body.embeds) > MAX_EMBED_TOTAL) {
    errors.add([...context.path, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${MAX_EMBED_TOTAL}`);
  }
  const mentions = body.allowed_mentions;
  if (mentions?.parse?.includes('users') && mentions.users?.length) {
    errors.add(
      [...context.path, 'allowed_mentions'],
      'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
      'parse:["users"] and users: [ids...] are mutually exclusive.',
    );
  }
  if (mentions?.parse?.includes('roles') && mentions.roles?.length) {
    errors.add(
      [...context.path, 'allowed_mentions'],
      'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
      'parse:["roles"] and roles: [ids...] are mutually exclusive.',
    );
  }
  if (context.fileCount > MAX_FILES) errors.maxLength([...context.path, 'files'], MAX_FILES);
  errors.throwIfAny();
  return body;
}

/** Discord counts title, description, field names and values, footer text and author name. */
export function embedsLength(embeds: readonly EmbedInput[]): number {
  let total = 0;
  for (const embed of embeds) {
    total += (embed.title ?? '').length + (embed.description ?? '').length;
    total += (embed.footer?.text ?? '').length + (embed.author?.name ?? '').length;
    for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  }
  return total;
}
