import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import type { FormErrors, FormPath } from '../form-errors.js';
import { isChatInput, type CommandInput, type CommandOptionInput } from './command-schema.js';

const NESTING = new Set<number>([ApplicationCommandOptionType.Subcommand, ApplicationCommandOptionType.SubcommandGroup]);
const MAX_COMMAND_CHARACTERS = 4000;

/** Rules across fields: chat-input names are lowercase with a description, nesting, order, uniqueness. */
export function checkCommandRules(command: CommandInput, errors: FormErrors, path: FormPath): void {
  if (isChatInput(command)) {
    if (!command.description) errors.add([...path, 'description'], 'BASE_TYPE_REQUIRED', 'This field is required');
    if (command.name !== command.name.toLowerCase() || !/^[-_'\p{L}\p{N}]{1,32}$/u.test(command.name)) {
      errors.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    checkOptions(command.options ?? [], errors, [...path, 'options'], 0);
  } else if (command.description) {
    errors.add([...path, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', 'Context menu commands cannot have a description');
  }
  if (commandCharacters(command) > MAX_COMMAND_CHARACTERS) {
    errors.add(path, 'APPLICATION_COMMAND_TOO_LARGE', `Command exceeds maximum size (${MAX_COMMAND_CHARACTERS})`);
  }
}

function checkOptions(options: readonly CommandOptionInput[], errors: FormErrors, path: FormPath, depth: number): void {
  const names = new Set<string>();
  const nesting = options.filter((option) => NESTING.has(option.type)).length;
  if (nesting > 0 && nesting < options.length) {
    errors.add(path, 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-command and sub-command group option types are mutually exclusive to all other types');
  }
  let sawOptional = false;
  options.forEach((option, index) => {
    const at = [...path, index];
    if (names.has(option.name)) errors.add([...at, 'name'], 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', 'Option names must be unique');
    names.add(option.name);
    if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
      if (depth > 0) errors.add([...at, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-command groups cannot be nested');
      if ((option.options ?? []).some((child) => child.type !== ApplicationCommandOptionType.Subcommand)) {
        errors.add([...at, 'options'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-command groups may only contain sub-commands');
      }
    }
    if (option.type === ApplicationCommandOptionType.Subcommand && depth > 1) {
      errors.add([...at, 'type'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-commands nest at most inside one group');
    }
    if (NESTING.has(option.type)) {
      checkOptions(option.options ?? [], errors, [...at, 'options'], depth + 1);
      return;
    }
    if (option.options?.length) errors.add([...at, 'options'], 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Only sub-commands may have options');
    if (option.required) {
      if (sawOptional)
        errors.add([...at, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    } else {
      sawOptional = true;
    }
    if (option.autocomplete && option.choices?.length) {
      errors.add([...at, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_WITH_CHOICES', 'Autocomplete cannot be used with choices');
    }
  });
}

function commandCharacters(command: CommandInput): number {
  const fromOptions = (options: readonly CommandOptionInput[]): number =>
    options.reduce(
      (sum, option) =>
        sum +
        option.name.length +
        option.description.length +
        (option.choices ?? []).reduce((total, choice) => total + choice.name.length + String(choice.value).length, 0) +
        fromOptions(option.options ?? []),
      0,
    );
  return command.name.length + (command.description ?? '').length + fromOptions(command.options ?? []);
}
