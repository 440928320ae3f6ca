import { ApplicationCommandOptionType, type APIApplicationCommand, type APIApplicationCommandOption } from 'discord-api-types/v10';
import type { OptionInputs } from '../localcord/index.js';
import { readLocalUpload } from './local-files.js';

/** Splits a line into words, keeping "quoted text" together. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /(?:[^\s"“”]+|"[^"]*"|“[^”]*”)+/g;
  for (const match of line.matchAll(pattern)) words.push(match[0].replace(/["“”]/g, ''));
  return words;
}

function findOptions(command: APIApplicationCommand, path: string[]): APIApplicationCommandOption[] {
  let options: APIApplicationCommandOption[] = command.options ?? [];
  for (const name of path) {
    const next = options.find((o) => o.name === name);
    options = next && 'options' in next && next.options ? (next.options as APIApplicationCommandOption[]) : [];
  }
  return options;
}

export interface ParsedSlashLine {
  name: string;
  options: OptionInputs;
}

/**
 * Reads "/unit add name:区司法局 category:department" into a command name and typed options.
 * Attachment options take a local file path; numbers and booleans are converted by the command's definition.
 */
export function parseSlashLine(line: string, commands: readonly APIApplicationCommand[], cwd = process.cwd()): ParsedSlashLine {
  const words = splitWords(line.replace(/^\//, ''));
  const [commandName = '', ...rest] = words;
  const command = commands.find((c) => c.name === commandName);
  if (!command) throw new Error(`没有 /${commandName} 命令。可用命令:${commands.map((c) => `/${c.name}`).join(' ')}`);
  const path: string[] = [];
  const values: Record<string, string> = {};
  for (const word of rest) {
    const at = word.search(/[:：]/);
    if (at > 0) values[word.slice(0, at)] = word.slice(at + 1);
    else path.push(word);
  }
  const options = findOptions(command, path);
  const typed: OptionInputs = {};
  for (const [name, raw] of Object.entries(values)) {
    const option = options.find((o) => o.name === name || Object.values(o.name_localizations ?? {}).includes(name));
    if (!option) throw new Error(`/${[commandName, ...path].join(' ')} 没有“${name}”选项。可用选项:${options.map((o) => o.name).join('、') || '无'}`);
    if (option.type === ApplicationCommandOptionType.Attachment) {
      typed[option.name] = readLocalUpload(raw, { cwd });
    } else if (option.type === ApplicationCommandOptionType.Integer || option.type === ApplicationCommandOptionType.Number) {
      typed[option.name] = Number(raw);
    } else if (option.type === ApplicationCommandOptionType.Boolean) {
      typed[option.name] = raw === 'true' || raw === '是';
    } else {
      typed[option.name] = raw;
    }
  }
  return { name: [commandName, ...path].join(' '), options: typed };
}
