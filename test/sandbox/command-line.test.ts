import type { APIApplicationCommand } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slashCommands } from '../../commands/index.js';
import { startLocalcord, type Localcord } from 'localcord';
import { parseSlashLine, type NameDirectory } from '../../src/sandbox/command-line.js';
import { renderMarkup } from '../../src/sandbox/discord-markup.js';
import { explainLocalError } from '../../src/sandbox/local-errors.js';
import { createSandboxWorld, worldDirectory, worldNames, type SandboxWorld } from '../../src/sandbox/sandbox-world.js';

let lc: Localcord;
let world: SandboxWorld;
let commands: APIApplicationCommand[];
let names: NameDirectory;

beforeAll(async () => {
  lc = await startLocalcord();
  world = createSandboxWorld(lc);
  commands = lc.registerCommands(
    slashCommands.map((c) => c.definition),
    world.guild.id,
  );
  names = worldDirectory(world);
});
afterAll(() => lc.close());

const parse = (line: string) => parseSlashLine(line, commands, names);
const failure = (line: string) => {
  try {
    parse(line);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${line} was accepted`);
};

describe('parseSlashLine', () => {
  it('takes a choice by its Chinese label as well as by its value', () => {
    expect(parse('/unit add name:区司法局 category:部门').options).toEqual({ name: '区司法局', category: 'department' });
    expect(parse('/单位 添加 名称:城关镇 类别:镇街')).toEqual({ name: 'unit add', options: { name: '城关镇', category: 'township' } });
    expect(parse('/unit add name:区司法局 category:other').options).toMatchObject({ category: 'other' });
  });

  it('takes people, roles and channels by name', () => {
    const parsed = parse('/unit bind unit:城关镇 user:赵敏');
    expect(parsed.options).toMatchObject({ user: world.people.liaison.user.id });
    expect(parse('/unit bind unit:城关镇 user:联络员').options).toMatchObject({ user: world.people.liaison.user.id });
    expect(parse('/unit bind unit:城关镇 channel:#城关镇').options).toMatchObject({ channel: world.channels.unit.id });
    expect(parse('/unit bind unit:城关镇 role:联络员').options).toMatchObject({ role: world.roles.liaisons.id });
  });

  it('says in Chinese what is wrong with a line', () => {
    expect(failure('/unit add category:部门')).toMatch(/缺少必填选项:名称\(name\)/);
    expect(failure('/unit add name:区司法局 category:county')).toMatch(/只能是:部门、镇街、其他/);
    expect(failure('/unit bind unit:城关镇 user:钱多多')).toMatch(/没有叫“钱多多”的成员/);
    expect(failure('/unit')).toMatch(/需要子命令/);
    expect(failure('/unit nosuch')).toMatch(/没有“nosuch”子命令/);
    for (const line of ['/unit add category:部门', '/unit add name:区司法局 category:county', '/unit bind unit:城关镇 user:钱多多']) {
      expect(failure(line)).not.toMatch(/is required|must be one of|no user/);
    }
  });
});

describe('explainLocalError', () => {
  it('tells a command hidden from this person in Chinese', () => {
    const text = explainLocalError(new Error('/setup is hidden from this user: default_member_permissions 32'), commands);
    expect(text).toContain('/督办设置');
    expect(text).not.toMatch(/[A-Za-z]{4,}/);
  });
});

describe('renderMarkup', () => {
  const context = () => ({
    names: worldNames(world, { id: lc.botUserId, name: 'duban' }),
    timeZone: 'Asia/Shanghai',
    now: () => new Date('2026-12-07T06:00:00Z'),
  });
  // 2026-12-07 14:00:00 in Asia/Shanghai.
  const unix = Date.parse('2026-12-07T06:00:00Z') / 1000;

  it('shows mentions of people, roles and channels by name', () => {
    const text = `<@${world.people.liaison.user.id}> <@!${world.people.coordinator.user.id}> <@&${world.roles.coordinators.id}> <#${world.channels.summary.id}>`;
    expect(renderMarkup(text, context())).toBe('@城关镇 赵敏 @司法局 张华 @督办人 #汇总与排名');
  });

  it('shows timestamps of every style in the reader’s time zone', () => {
    const styles = Object.fromEntries(['t', 'T', 'd', 'D', 'f', 'F', 'R', ''].map((s) => [s, renderMarkup(`<t:${unix}${s ? `:${s}` : ''}>`, context())]));
    expect(styles).toEqual({
      t: '14:00',
      T: '14:00:00',
      d: '2026/12/07',
      D: '2026年12月7日',
      f: '2026年12月7日 14:00',
      F: '2026年12月7日星期一 14:00',
      R: '现在',
      '': '2026年12月7日 14:00',
    });
    expect(renderMarkup(`<t:${unix + 5 * 86400}:R>`, context())).toBe('5天后');
    expect(renderMarkup(`<t:${unix - 3 * 3600}:R>`, context())).toBe('3小时前');
  });
});

describe('explainLocalError on the sandbox’s own errors', () => {
  it('shows a Chinese message as it is, even when it names a command typed in English', () => {
    expect(explainLocalError(new Error('没有 /nosuch 命令。'), commands)).toBe('没有 /nosuch 命令。');
  });
});
