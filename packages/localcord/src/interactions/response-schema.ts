import { ComponentType } from 'discord-api-types/v10';
import { z } from 'zod';
import { autoSelectSchema, stringSelectSchema } from '../messages/component-schema.js';

// Shapes of the non-message interaction responses: autocomplete choices and modals.

export const callbackEnvelopeSchema = z.object({ type: z.number().int(), data: z.unknown().optional() }).loose();

export const autocompleteDataSchema = z
  .object({
    choices: z
      .array(
        z
          .object({
            name: z.string().min(1).max(100),
            name_localizations: z.record(z.string(), z.string().min(1).max(100)).nullish(),
            value: z.union([z.string().max(100), z.number()]),
          })
          .loose(),
      )
      .max(25),
  })
  .loose();

const textInputSchema = z
  .object({
    type: z.literal(ComponentType.TextInput),
    id: z.number().int().optional(),
    custom_id: z.string().min(1).max(100),
    style: z.union([z.literal(1), z.literal(2)]),
    label: z.string().min(1).max(45).optional(),
    placeholder: z.string().max(100).optional(),
    value: z.string().max(4000).optional(),
    min_length: z.number().int().min(0).max(4000).optional(),
    max_length: z.number().int().min(1).max(4000).optional(),
    required: z.boolean().optional(),
  })
  .loose();

const fileUploadSchema = z
  .object({
    type: z.literal(ComponentType.FileUpload),
    id: z.number().int().optional(),
    custom_id: z.string().min(1).max(100),
    min_values: z.number().int().min(0).max(10).optional(),
    max_values: z.number().int().min(1).max(10).optional(),
    required: z.boolean().optional(),
  })
  .loose();

const choiceGroupSchema = z
  .object({
    type: z.union([z.literal(ComponentType.RadioGroup), z.literal(ComponentType.CheckboxGroup), z.literal(ComponentType.Checkbox)]),
    id: z.number().int().optional(),
    custom_id: z.string().min(1).max(100),
  })
  .loose();

const labelSchema = z
  .object({
    type: z.literal(ComponentType.Label),
    id: z.number().int().optional(),
    label: z.string().min(1).max(45),
    description: z.string().max(100).optional(),
    component: z.union([textInputSchema, stringSelectSchema, autoSelectSchema, fileUploadSchema, choiceGroupSchema]),
  })
  .loose();

const modalRowSchema = z
  .object({ type: z.literal(ComponentType.ActionRow), id: z.number().int().optional(), components: z.array(textInputSchema).length(1) })
  .loose();

const textDisplaySchema = z
  .object({ type: z.literal(ComponentType.TextDisplay), id: z.number().int().optional(), content: z.string().min(1).max(4000) })
  .loose();

export const modalDataSchema = z
  .object({
    custom_id: z.string().min(1).max(100),
    title: z.string().min(1).max(45),
    components: z
      .array(z.union([modalRowSchema, labelSchema, textDisplaySchema]))
      .min(1)
      .max(5),
  })
  .loose();
