import { ApplicationCommandOptionType, type APIApplicationCommand, type APIApplicationCommandOption } from 'discord-api-types/v10';
import type { OptionInputs } from 'localcord';
import { readLocalUpload } from './local-files.js';

/** Splits a line into words, keeping "quoted text" together. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /(?:[^\s"“”]+|"[^"]*"|“[^”]*”)+/g;
  for (const match of line.matchAll(pattern)) words.push(match[0].replace(/["“”]/g, ''));
  return words;
}

/** Finds the people, channels and roles of the sandbox's server by the names a person types. */
export interface NameDirectory {
  user(name: string): string | undefined;
  channel(name: string): string | undefined;
  role(name: string): string | undefined;
}

interface Named {
  name: string;
  name_localizations?: Partial<Record<string, string | null>> | null;
}

/** How a zh-CN client shows a command, option or choice: its Chinese name when it has one. */
const zh = (item: Named) => item.name_localizations?.['zh-CN'] ?? item.name;
const isCalled = (item: Named, word: string) => item.name === word || zh(item) === word;
const listNames = (items: readonly Named[]) => items.map((item) => (zh(item) === item.name ? item.name : `${zh(item)}(${item.name})`)).join('、');

const isGroup = (option: APIApplicationCommandOption) =>
  option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup;

export interface ParsedSlashLine {
  name: string;
  options: OptionInputs;
}

/**
 * Reads "/unit add name:区司法局 category:部门" (or "/单位 添加 名称:区司法局 类别:部门") into a command
 * name and typed options, checking what Discord's client checks before it sends: subcommands, required
 * options, choices (by value or Chinese label), numbers. People, channels and roles are taken by name;
 * attachment options take a local file path. Every problem is told in Chinese.
 */
export function parseSlashLine(line: string, commands: readonly APIApplicationCommand[], names: NameDirectory, cwd = process.cwd()): ParsedSlashLine {
  const words = splitWords(line.replace(/^[/／]/, ''));
  const [commandName = '', ...rest] = words;
  const command = commands.find((c) => isCalled(c, commandName));
  if (!command) throw new Error(`没有 /${commandName} 命令。可用命令:${commands.map((c) => `/${zh(c)}`).join(' ')}`);
  const path: string[] = [];
  const values: [string, string][] = [];
  for (const word of rest) {
    const at = word.search(/[:：]/);
    if (at > 0) values.push([word.slice(0, at), word.slice(at + 1)]);
    else path.push(word);
  }
  // Walk down the subcommand groups and subcommands the words name.
  let options: APIApplicationCommandOption[] = command.options ?? [];
  const used: string[] = [command.name];
  const shown: string[] = [zh(command)];
  for (;;) {
    const groups = options.filter(isGroup);
    if (groups.length === 0) break;
    const word = path.shift();
    const where = `/${shown.join(' ')}`;
    if (word === undefined) throw new Error(`${where} 需要子命令:${listNames(groups)}。如 ${where} ${zh(groups[0] ?? command)}`);
    const next = groups.find((g) => isCalled(g, word));
    if (!next) throw new Error(`${where} 没有“${word}”子命令。可用子命令:${listNames(groups)}`);
    used.push(next.name);
    shown.push(zh(next));
    options = 'options' in next && next.options ? (next.options as APIApplicationCommandOption[]) : [];
  }
  const where = `/${shown.join(' ')}`;
  if (path.length > 0) throw new Error(`${where} 后面多了“${path.join(' ')}”。选项要写成 选项名:值,如 ${zh(options[0] ?? command)}:…`);
  const typed: OptionInputs = {};
  for (const [name, raw] of values) {
    const option = options.find((o) => isCalled(o, name));
    if (!option) throw new Error(`${where} 没有“${name}”选项。可用选项:${listNames(options) || '无'}`);
    typed[option.name] = readOption(option, raw, names, cwd, `${where} 的“${zh(option)}”`);
  }
  const missing = options.filter((o) => 'required' in o && o.required && !(o.name in typed));
  if (missing.length > 0) {
    throw new Error(`${where} 缺少必填选项:${listNames(missing)}。如 ${where} ${missing.map((o) => `${zh(o)}:…`).join(' ')}`);
  }
  return { name: used.join(' '), options: typed };
}

function readOption(option: APIApplicationCommandOption, raw: string, names: NameDirectory, cwd: string, at: string): OptionInputs[string] {
  switch (option.type) {
    case ApplicationCommandOptionType.Attachment:
      return readLocalUpload(raw, { cwd });
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const choice = option.choices?.find((c) => isCalled(c, raw) || String(c.value) === raw);
      if (choice) return choice.value;
      if (option.choices?.length) throw new Error(`${at}只能是:${listNames(option.choices)}`);
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value)) throw new Error(`${at}要填数字,“${raw}”不是数字。`);
      if (option.type === ApplicationCommandOptionType.Integer && !Number.isInteger(value)) throw new Error(`${at}要填整数。`);
      if (option.min_value !== undefined && value < option.min_value) throw new Error(`${at}不能小于 ${option.min_value}。`);
      if (option.max_value !== undefined && value > option.max_value) throw new Error(`${at}不能大于 ${option.max_value}。`);
      return value;
    }
    case ApplicationCommandOptionType.Boolean:
      if (['true', '是', '对'].includes(raw)) return true;
      if (['false', '否', '不'].includes(raw)) return false;
      throw new Error(`${at}只能填 是 或 否。`);
    case ApplicationCommandOptionType.String: {
      if (option.choices?.length) {
        const choice = option.choices.find((c) => isCalled(c, raw) || c.value === raw);
        if (!choice) throw new Error(`${at}只能是:${option.choices.map(zh).join('、')}`);
        return choice.value;
      }
      if (option.min_length !== undefined && raw.length < option.min_length) throw new Error(`${at}至少要 ${option.min_length} 个字。`);
      if (option.max_length !== undefined && raw.length > option.max_length) throw new Error(`${at}最多 ${option.max_length} 个字。`);
      return raw;
    }
    case ApplicationCommandOptionType.User:
      return mustFind(names.user(raw), `${at}:服务器里没有叫“${raw}”的成员。可以填姓名(如 赵敏)或身份(如 联络员)。`);
    case ApplicationCommandOptionType.Role:
      return mustFind(names.role(raw), `${at}:服务器里没有“${raw}”身份组。`);
    case ApplicationCommandOptionType.Mentionable:
      return mustFind(names.user(raw) ?? names.role(raw), `${at}:服务器里没有叫“${raw}”的成员或身份组。`);
    case ApplicationCommandOptionType.Channel:
      return mustFind(names.channel(raw), `${at}:服务器里没有“${raw}”频道。`);
    default:
      throw new Error(`${at}是子命令,不是选项。`);
  }
}

function mustFind(id: string | undefined, message: string): string {
  if (id === undefined) throw new Error(message);
  return id;
}
