import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { z } from 'zod';

// Discord's rules for application command definitions (names, lengths, option nesting).

const NAME_PATTERN = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const lowercaseName = z
  .string()
  .min(1)
  .max(32)
  .check((ctx) => {
    if (!NAME_PATTERN.test(ctx.value) || ctx.value !== ctx.value.toLowerCase()) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `String value did not match validation regex.`,
        params: { discordCode: 'APPLICATION_COMMAND_INVALID_NAME' },
      });
    }
  });

const localizations = (value: z.ZodType<string>) => z.record(z.string(), value).nullish();

const choiceSchema = z
  .object({
    name: z.string().min(1).max(100),
    name_localizations: localizations(z.string().min(1).max(100)),
    value: z.union([z.string().max(100), z.number()]),
  })
  .loose();

export interface CommandOptionInput {
  type: number;
  name: string;
  description: string;
  required?: boolean | null | undefined;
  choices?: { name: string; value: string | number }[] | null | undefined;
  options?: CommandOptionInput[] | null | undefined;
  autocomplete?: boolean | null | undefined;
  min_value?: number | null | undefined;
  max_value?: number | null | undefined;
  min_length?: number | null | undefined;
  max_length?: number | null | undefined;
  channel_types?: number[] | null | undefined;
}

const optionSchema: z.ZodType<CommandOptionInput> = z.lazy(() =>
  z
    .object({
      type: z.number().int().min(ApplicationCommandOptionType.Subcommand).max(ApplicationCommandOptionType.Attachment),
      name: lowercaseName,
      name_localizations: localizations(lowercaseName),
      description: z.string().min(1).max(100),
      description_localizations: localizations(z.string().min(1).max(100)),
      required: z.boolean().nullish(),
      choices: z.array(choiceSchema).max(25).nullish(),
      options: z.array(optionSchema).max(25).nullish(),
      autocomplete: z.boolean().nullish(),
      min_value: z.number().nullish(),
      max_value: z.number().nullish(),
      min_length: z.number().int().min(0).max(6000).nullish(),
      max_length: z.number().int().min(1).max(6000).nullish(),
      channel_types: z.array(z.number().int()).nullish(),
    })
    .loose(),
);

export const commandSchema = z
  .object({
    type: z.number().int().min(1).max(4).nullish(),
    name: z.string().min(1).max(32),
    name_localizations: localizations(z.string().min(1).max(32)),
    description: z.string().max(100).nullish(),
    description_localizations: localizations(z.string().min(1).max(100)),
    options: z.array(optionSchema).max(25).nullish(),
    default_member_permissions: z.string().regex(/^\d+$/).nullish(),
    dm_permission: z.boolean().nullish(),
    contexts: z.array(z.number().int()).nullish(),
    integration_types: z.array(z.number().int()).nullish(),
    nsfw: z.boolean().nullish(),
  })
  .loose();

export type CommandInput = z.infer<typeof commandSchema>;

export const commandListSchema = z.array(commandSchema).max(200);

export const isChatInput = (command: { type?: number | null }) => (command.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
