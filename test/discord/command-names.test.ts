import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { slashCommands } from '../../commands/index.js';
import { commandNames, commandRef, type CommandPath } from '../../src/command-names.js';

interface Option {
  type: number;
  name: string;
  name_localizations?: Record<string, string> | null;
  options?: Option[];
}

/** Every command, subcommand group and subcommand path of the definitions, with its zh-CN name. */
function definedPaths(): Map<string, string | undefined> {
  const paths = new Map<string, string | undefined>();
  const walk = (prefix: string, options: Option[] | undefined) => {
    for (const option of options ?? []) {
      if (option.type !== 1 && option.type !== 2) continue;
      const path = `${prefix} ${option.name}`;
      paths.set(path, option.name_localizations?.['zh-CN']);
      walk(path, option.options);
    }
  };
  for (const command of slashCommands) {
    const definition = command.definition as unknown as Option;
    paths.set(definition.name, definition.name_localizations?.['zh-CN']);
    walk(definition.name, definition.options);
  }
  return paths;
}

function listTypeScript(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listTypeScript(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('command names', () => {
  it('gives every command, group and subcommand the zh-CN name of the one table', () => {
    expect(Object.fromEntries(definedPaths())).toEqual(commandNames);
  });

  it('writes a command as a Chinese-reading user’s client shows it', () => {
    expect(commandRef('unit bind')).toBe('/单位 绑定');
    expect(commandRef('ranking rules show')).toBe('/考核排名 规则 查看');
    expect(commandRef('progress')).toBe('/填报进展');
  });

  it('leaves no command named by hand in what people read', () => {
    const paths = Object.keys(commandNames) as CommandPath[];
    // `(?<!<)`: an HTML closing tag such as </summary> in the ledger's templates is not a command.
    const byHand = new RegExp(`[\\u4e00-\\u9fff][^'\`"\\n]*(?<!<)/(${paths.map((p) => p.split(' ')[0]).join('|')})\\b`);
    const files = ['src', 'commands', 'jobs'].flatMap((dir) => listTypeScript(dir)).filter((f) => !f.includes('localcord'));
    const found = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line: line.trim(), at: `${file}:${index + 1}` }))
        .filter(({ line }) => !line.startsWith('//') && !line.startsWith('*') && !line.startsWith('import ') && byHand.test(line)),
    );
    expect(found.map((f) => `${f.at} ${f.line}`)).toEqual([]);
  });
});
