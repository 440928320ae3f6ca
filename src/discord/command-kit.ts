import { ApplicationCommandOptionType as OptionType, type APIRole, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type {
  Attachment,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  Role,
  StringSelectMenuInteraction,
  User,
} from 'discord.js';
import type { z } from 'zod';
import type { AppContext } from '../app/context.js';
import { UserError } from '../errors.js';
import type { ComponentCodec } from './custom-ids.js';
import type { CommandContext, ComponentInteraction, SlashCommand } from './slash-command.js';

/*
 * A typed interaction layer, as yuudachi and Sapphire have it: a command's handlers receive their
 * options typed from the command's own definition (no getString('name') by hand), and its buttons,
 * menus and forms come back through one zod codec per command (src/discord/custom-ids.ts) to the
 * handler of their action, with their arguments parsed. Anything that does not fit — an unknown
 * action, a component of the wrong kind, arguments that do not parse, a choice that is not offered —
 * is refused as out of date before any handler runs.
 */

interface OptionShape {
  readonly type: OptionType;
  readonly name: string;
  readonly required?: boolean;
  readonly choices?: readonly { readonly value: string | number }[];
  readonly options?: readonly OptionShape[];
}

type ChannelValue = NonNullable<ReturnType<ChatInputCommandInteraction['options']['getChannel']>>;
type MentionableValue = NonNullable<ReturnType<ChatInputCommandInteraction['options']['getMentionable']>>;

type ValueOf<O> = O extends { readonly choices: readonly { readonly value: infer V }[] }
  ? V
  : O extends { readonly type: OptionType.String }
    ? string
    : O extends { readonly type: OptionType.Integer | OptionType.Number }
      ? number
      : O extends { readonly type: OptionType.Boolean }
        ? boolean
        : O extends { readonly type: OptionType.User }
          ? User
          : O extends { readonly type: OptionType.Role }
            ? Role | APIRole
            : O extends { readonly type: OptionType.Channel }
              ? ChannelValue
              : O extends { readonly type: OptionType.Mentionable }
                ? MentionableValue
                : O extends { readonly type: OptionType.Attachment }
                  ? Attachment
                  : never;

/** The options of a command or subcommand as its handler receives them: required ones present, the rest null when left out. */
export type ArgsOf<Opts> = Opts extends readonly OptionShape[]
  ? { -readonly [O in Opts[number] as O['name']]: O extends { readonly required: true } ? ValueOf<O> : ValueOf<O> | null }
  : Record<string, never>;

/** 'show', 'rules set': every subcommand a definition has, with its group. */
export type LeafPaths<Opts, Prefix extends string = ''> = Opts extends readonly (infer O)[]
  ? O extends { readonly type: OptionType.Subcommand; readonly name: infer N extends string }
    ? `${Prefix}${N}`
    : O extends { readonly type: OptionType.SubcommandGroup; readonly name: infer G extends string; readonly options: infer S }
      ? LeafPaths<S, `${Prefix}${G} `>
      : never
  : never;

type Named<Opts, N extends string> = Opts extends readonly (infer O)[] ? (O extends { readonly name: N } ? O : never) : never;

/** The options of the subcommand at a path. */
export type OptionsAt<Opts, Path extends string> = Path extends `${infer G} ${infer Rest}`
  ? OptionsAt<Named<Opts, G> extends { readonly options: infer S } ? S : never, Rest>
  : Named<Opts, Path> extends { readonly options: infer S }
    ? S
    : readonly [];

export type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody & { readonly options?: readonly OptionShape[] };

type Handler<Args> = (interaction: ChatInputCommandInteraction, ctx: CommandContext, args: Args) => Promise<void>;

/** One handler per subcommand when the command has them, else one for the command. */
export type RunHandlers<D extends Definition> = [LeafPaths<D['options']>] extends [never]
  ? Handler<ArgsOf<D['options']>>
  : { [P in LeafPaths<D['options']>]: Handler<ArgsOf<OptionsAt<D['options'], P>>> };

type ComponentKind = 'button' | 'select' | 'modal';
type InteractionOf<K extends ComponentKind> = K extends 'button'
  ? ButtonInteraction
  : K extends 'select'
    ? StringSelectMenuInteraction
    : ModalSubmitInteraction;

export interface ComponentHandler<K extends ComponentKind, Args> {
  readonly kind: K;
  handle(interaction: InteractionOf<K>, ctx: CommandContext, args: Args): Promise<void>;
}

export const onButton = <Args>(handle: ComponentHandler<'button', Args>['handle']): ComponentHandler<'button', Args> => ({ kind: 'button', handle });
export const onSelect = <Args>(handle: ComponentHandler<'select', Args>['handle']): ComponentHandler<'select', Args> => ({ kind: 'select', handle });
export const onModal = <Args>(handle: ComponentHandler<'modal', Args>['handle']): ComponentHandler<'modal', Args> => ({ kind: 'modal', handle });

/** A button, menu or form that does not fit what the command expects: out of date, or not ours. */
export const outdatedComponent = () => new UserError('stale_interaction', '这个按钮或表单已失效(可能来自较早的消息),请重新执行相应的命令。');

function kindOf(interaction: ComponentInteraction): ComponentKind {
  return interaction.isButton() ? 'button' : interaction.isStringSelectMenu() ? 'select' : 'modal';
}

function leafPathOf(interaction: ChatInputCommandInteraction): string {
  return [interaction.options.getSubcommandGroup(false), interaction.options.getSubcommand(false)].filter(Boolean).join(' ');
}

function optionsAt(options: readonly OptionShape[] | undefined, path: string): readonly OptionShape[] {
  let level = options ?? [];
  for (const name of path ? path.split(' ') : []) level = level.find((o) => o.name === name)?.options ?? [];
  return level;
}

/** Reads a subcommand's options by their types in the definition; a value outside an option's choices is refused. */
export function readArgs(interaction: ChatInputCommandInteraction, options: readonly OptionShape[]): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const option of options) {
    const { name } = option;
    const required = option.required === true;
    const get = interaction.options;
    let value: unknown;
    switch (option.type) {
      case OptionType.String:
        value = get.getString(name, required);
        break;
      case OptionType.Integer:
        value = get.getInteger(name, required);
        break;
      case OptionType.Number:
        value = get.getNumber(name, required);
        break;
      case OptionType.Boolean:
        value = get.getBoolean(name, required);
        break;
      case OptionType.User:
        value = get.getUser(name, required);
        break;
      case OptionType.Role:
        value = get.getRole(name, required);
        break;
      case OptionType.Channel:
        value = get.getChannel(name, required);
        break;
      case OptionType.Mentionable:
        value = get.getMentionable(name, required);
        break;
      case OptionType.Attachment:
        value = get.getAttachment(name, required);
        break;
      default:
        continue;
    }
    if (value !== null && option.choices && !option.choices.some((choice) => choice.value === value)) {
      throw new UserError('invalid_choice', `“${name}”只能从列表中选择,请重新执行命令并从选项中选取。`);
    }
    args[name] = value;
  }
  return args;
}

export interface CommandSpec<D extends Definition, C extends Record<string, z.ZodType>> {
  definition: D;
  run: RunHandlers<D>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
  /** The command's custom ids (src/discord/custom-ids.ts) and a handler for each action. */
  components?: { codec: ComponentCodec<C>; handlers: { [A in keyof C]: ComponentHandler<ComponentKind, z.output<C[A]>> } };
  dmWorkspace?(app: AppContext, action: string, args: string[]): Promise<number | undefined>;
}

/** A slash command from its definition and typed handlers (see the note above). */
export function defineCommand<const D extends Definition, C extends Record<string, z.ZodType> = Record<string, never>>(spec: CommandSpec<D, C>): SlashCommand {
  const command: SlashCommand = {
    definition: spec.definition,
    async execute(interaction, ctx) {
      const path = leafPathOf(interaction);
      const args = readArgs(interaction, optionsAt(spec.definition.options, path));
      const run = spec.run as Handler<Record<string, unknown>> | Record<string, Handler<Record<string, unknown>>>;
      const handler = typeof run === 'function' ? run : run[path];
      if (!handler) throw outdatedComponent();
      await handler(interaction, ctx, args);
    },
  };
  if (spec.autocomplete) command.autocomplete = spec.autocomplete;
  if (spec.dmWorkspace) command.dmWorkspace = spec.dmWorkspace;
  const components = spec.components;
  if (components) {
    command.component = async (interaction, ctx) => {
      const decoded = components.codec.decode(interaction.customId);
      if (!decoded) throw outdatedComponent();
      const handler = components.handlers[decoded.action as keyof C] as ComponentHandler<ComponentKind, unknown> | undefined;
      if (!handler || handler.kind !== kindOf(interaction)) throw outdatedComponent();
      await (handler.handle as (i: ComponentInteraction, c: CommandContext, a: unknown) => Promise<void>)(interaction, ctx, decoded.args);
    };
  }
  return command;
}
