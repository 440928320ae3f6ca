import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
} from 'discord-api-types/v10';
import { discordErrors } from '../errors.js';
import { FormErrors, parseBody } from '../form-errors.js';
import type { IdGenerator } from '../ids.js';
import { checkCommandRules } from './command-rules.js';
import { commandListSchema, commandSchema, type CommandInput } from './command-schema.js';

type Scope = string | null;

/** Global (scope null) and guild application commands, validated as Discord validates them. */
export class CommandRegistry {
  private readonly byScope = new Map<Scope, Map<string, APIApplicationCommand>>();

  constructor(
    private readonly applicationId: string,
    private readonly nextId: IdGenerator,
  ) {}

  list(guildId: Scope): APIApplicationCommand[] {
    return [...this.scope(guildId).values()].map((command) => structuredClone(command));
  }

  get(guildId: Scope, id: string): APIApplicationCommand {
    const command = this.scope(guildId).get(id);
    if (!command) throw discordErrors.unknownApplicationCommand();
    return structuredClone(command);
  }

  /** PUT: replaces the whole set; a command keeps its id when its name and type stay the same. */
  overwrite(guildId: Scope, raw: unknown): APIApplicationCommand[] {
    const inputs = parseBody(commandListSchema, raw);
    const errors = new FormErrors();
    inputs.forEach((input, index) => checkCommandRules(input, errors, [index]));
    const seen = new Set<string>();
    inputs.forEach((input, index) => {
      const key = `${input.type ?? ApplicationCommandType.ChatInput}:${input.name}`;
      if (seen.has(key)) errors.add([index, 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
      seen.add(key);
    });
    errors.throwIfAny();
    const previous = this.scope(guildId);
    const next = new Map<string, APIApplicationCommand>();
    for (const input of inputs) {
      const existing = this.findByName(previous, input);
      const command = this.build(guildId, input, existing?.id);
      next.set(command.id, command);
    }
    this.byScope.set(guildId, next);
    return this.list(guildId);
  }

  /** POST: creates, or overwrites the command with the same name and type (200 instead of 201). */
  upsert(guildId: Scope, raw: unknown): { command: APIApplicationCommand; created: boolean } {
    const input = parseBody(commandSchema, raw);
    const errors = new FormErrors();
    checkCommandRules(input, errors, []);
    errors.throwIfAny();
    const scope = this.scope(guildId);
    const existing = this.findByName(scope, input);
    const command = this.build(guildId, input, existing?.id);
    scope.set(command.id, command);
    return { command: structuredClone(command), created: existing === undefined };
  }

  edit(guildId: Scope, id: string, raw: unknown): APIApplicationCommand {
    const current = this.get(guildId, id);
    const merged = { ...current, ...(typeof raw === 'object' && raw !== null ? raw : {}) };
    const input = parseBody(commandSchema, merged);
    const errors = new FormErrors();
    checkCommandRules(input, errors, []);
    errors.throwIfAny();
    const command = this.build(guildId, input, id);
    this.scope(guildId).set(id, command);
    return structuredClone(command);
  }

  delete(guildId: Scope, id: string): void {
    if (!this.scope(guildId).delete(id)) throw discordErrors.unknownApplicationCommand();
  }

  /** The chat-input command a user would see in `guildId`: guild commands first, then global ones. */
  findChatInput(name: string, guildId: Scope): APIApplicationCommand | undefined {
    const matches = (command: APIApplicationCommand) => command.type === ApplicationCommandType.ChatInput && command.name === name;
    const fromGuild = guildId === null ? undefined : [...this.scope(guildId).values()].find(matches);
    return fromGuild ?? [...this.scope(null).values()].find(matches);
  }

  private scope(guildId: Scope): Map<string, APIApplicationCommand> {
    let scope = this.byScope.get(guildId);
    if (!scope) {
      scope = new Map();
      this.byScope.set(guildId, scope);
    }
    return scope;
  }

  private findByName(scope: Map<string, APIApplicationCommand>, input: CommandInput): APIApplicationCommand | undefined {
    const type = input.type ?? ApplicationCommandType.ChatInput;
    return [...scope.values()].find((command) => command.name === input.name && command.type === type);
  }

  private build(guildId: Scope, input: CommandInput, id: string | undefined): APIApplicationCommand {
    return {
      id: id ?? this.nextId(),
      type: (input.type ?? ApplicationCommandType.ChatInput) as ApplicationCommandType,
      application_id: this.applicationId,
      ...(guildId === null ? {} : { guild_id: guildId }),
      name: input.name,
      name_localizations: input.name_localizations ?? null,
      description: input.description ?? '',
      description_localizations: input.description_localizations ?? null,
      // The schema has checked the options; their API type is the same shape.
      ...(input.options?.length ? { options: input.options as APIApplicationCommandOption[] } : {}),
      default_member_permissions: input.default_member_permissions ?? null,
      nsfw: input.nsfw ?? false,
      integration_types: (input.integration_types ?? [ApplicationIntegrationType.GuildInstall]) as ApplicationIntegrationType[],
      contexts: (input.contexts ?? [
        InteractionContextType.Guild,
        InteractionContextType.BotDM,
        InteractionContextType.PrivateChannel,
      ]) as InteractionContextType[],
      version: this.nextId(),
    };
  }
}
