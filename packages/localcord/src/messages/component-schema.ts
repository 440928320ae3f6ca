import { ComponentType } from 'discord-api-types/v10';
import { z } from 'zod';

// Shapes and per-field limits of message components, as Discord documents them. Rules that
// span several fields (a row holds five buttons or one select, unique custom ids, totals) live
// in component-rules.ts.

const customId = z.string().min(1).max(100);
const emoji = z.object({ id: z.string().nullish(), name: z.string().nullish(), animated: z.boolean().optional() }).loose();
const snowflake = z.string().regex(/^\d{1,20}$/);

export const buttonSchema = z
  .object({
    type: z.literal(ComponentType.Button),
    id: z.number().int().optional(),
    style: z.number().int().min(1).max(6),
    label: z.string().max(80).optional(),
    emoji: emoji.optional(),
    custom_id: customId.optional(),
    url: z.string().max(512).optional(),
    sku_id: snowflake.optional(),
    disabled: z.boolean().optional(),
  })
  .loose();

export const selectOptionSchema = z
  .object({
    label: z.string().min(1).max(100),
    value: z.string().min(1).max(100),
    description: z.string().max(100).optional(),
    emoji: emoji.optional(),
    default: z.boolean().optional(),
  })
  .loose();

const selectBase = {
  id: z.number().int().optional(),
  custom_id: customId,
  placeholder: z.string().max(150).optional(),
  min_values: z.number().int().min(0).max(25).optional(),
  max_values: z.number().int().min(1).max(25).optional(),
  disabled: z.boolean().optional(),
  required: z.boolean().optional(),
};

export const stringSelectSchema = z
  .object({ ...selectBase, type: z.literal(ComponentType.StringSelect), options: z.array(selectOptionSchema).min(1).max(25) })
  .loose();

const defaultValues = z.array(z.object({ id: snowflake, type: z.enum(['user', 'role', 'channel']) })).max(25);

export const autoSelectSchema = z
  .object({
    ...selectBase,
    type: z.union([
      z.literal(ComponentType.UserSelect),
      z.literal(ComponentType.RoleSelect),
      z.literal(ComponentType.MentionableSelect),
      z.literal(ComponentType.ChannelSelect),
    ]),
    default_values: defaultValues.optional(),
    channel_types: z.array(z.number().int()).optional(),
  })
  .loose();

const interactive = z.union([buttonSchema, stringSelectSchema, autoSelectSchema]);

export const actionRowSchema = z
  .object({ type: z.literal(ComponentType.ActionRow), id: z.number().int().optional(), components: z.array(interactive).min(1).max(5) })
  .loose();

const unfurledMedia = z.object({ url: z.string().min(1) }).loose();

const textDisplaySchema = z
  .object({ type: z.literal(ComponentType.TextDisplay), id: z.number().int().optional(), content: z.string().min(1).max(4000) })
  .loose();
const thumbnailSchema = z
  .object({ type: z.literal(ComponentType.Thumbnail), id: z.number().int().optional(), media: unfurledMedia, description: z.string().max(1024).nullish() })
  .loose();
const sectionSchema = z
  .object({
    type: z.literal(ComponentType.Section),
    id: z.number().int().optional(),
    components: z.array(textDisplaySchema).min(1).max(3),
    accessory: z.union([buttonSchema, thumbnailSchema]),
  })
  .loose();
const mediaGallerySchema = z
  .object({
    type: z.literal(ComponentType.MediaGallery),
    id: z.number().int().optional(),
    items: z
      .array(z.object({ media: unfurledMedia, description: z.string().max(1024).nullish() }).loose())
      .min(1)
      .max(10),
  })
  .loose();
const fileSchema = z.object({ type: z.literal(ComponentType.File), id: z.number().int().optional(), file: unfurledMedia }).loose();
const separatorSchema = z.object({ type: z.literal(ComponentType.Separator), id: z.number().int().optional() }).loose();

const containerChild = z.union([actionRowSchema, textDisplaySchema, sectionSchema, mediaGallerySchema, fileSchema, separatorSchema]);
const containerSchema = z
  .object({
    type: z.literal(ComponentType.Container),
    id: z.number().int().optional(),
    components: z.array(containerChild).min(1),
    accent_color: z.number().int().min(0).max(0xffffff).nullish(),
    spoiler: z.boolean().optional(),
  })
  .loose();

/** Top-level components of a message without the IS_COMPONENTS_V2 flag: action rows only. */
export const legacyComponentsSchema = z.array(actionRowSchema).max(5);

/** Top-level components of a message with IS_COMPONENTS_V2. */
export const v2ComponentsSchema = z
  .array(z.union([containerChild, containerSchema]))
  .min(1)
  .max(40);

export type ActionRowInput = z.infer<typeof actionRowSchema>;
