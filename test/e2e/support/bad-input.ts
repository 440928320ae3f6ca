import { PermissionFlagsBits, type APIMessage } from 'discord-api-types/v10';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { slashCommands } from '../../../commands/index.js';
import type { InteractionHandle, OptionInputs } from 'localcord';
import type { BotStack } from './bot-stack.js';

/** Strings people type to break things: SQL, pings, masked links, invisible and direction-changing characters. */
export const hostile = {
  sql: "区司法局'; drop table units; --",
  everyone: '@everyone @here',
  link: '[点我领取](https://example.invalid/x)',
  zeroWidth: '区司\u200b法局\u200d',
  rtl: '城关\u202e镇',
  mention: '<@&1> <@1>',
};

/**
 * Every table as stored: its row count and a digest of its rows, plus the workspaces and unit names
 * in the clear (so a failure shows what changed). What "changed nothing" is checked against.
 */
export async function snapshot(s: BotStack): Promise<Record<string, unknown>> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
    order by table_name`.execute(s.storage.db);
  const tables: Record<string, unknown> = {};
  for (const { table_name } of rows) {
    const table = sql.table(table_name);
    const {
      rows: [found],
    } = await sql<{ n: string; digest: string | null }>`
      select count(*)::text as n, md5(string_agg(t::text, '|' order by t::text)) as digest from ${table} as t`.execute(s.storage.db);
    tables[table_name] = { rows: Number(found?.n), digest: found?.digest ?? null };
  }
  tables.workspace_rows = await s.storage.db.selectFrom('workspaces').selectAll().orderBy('id').execute();
  tables.unit_names = (await s.storage.db.selectFrom('units').select('name').orderBy('id').execute()).map((u) => u.name);
  return tables;
}

/** A clear Chinese answer: no internal error id, no stack, no English error text. */
export function expectClearRefusal(text: string, pattern?: RegExp | string): void {
  expect(text).toMatch(/[\p{Script=Han}]/u);
  expect(text).not.toMatch(/错误编号|内部错误/);
  expect(text).not.toMatch(/\b(Error|undefined|null|NaN|TypeError|Invalid|expected|received|at [\w.]+ \()/);
  if (pattern) expect(text).toMatch(pattern);
}

/** Runs the steps, then checks that no table changed. */
export async function unchanged(s: BotStack, steps: () => Promise<void>): Promise<void> {
  const before = await snapshot(s);
  await steps();
  // A write after the reply would still belong to these steps: compare once the bot has finished with them.
  await s.idle();
  expect(await snapshot(s)).toEqual(before);
}

/** The answer to the interaction, checked to be a clear Chinese refusal; returned as text. */
export async function refused(s: BotStack, handle: InteractionHandle, pattern?: RegExp | string): Promise<string> {
  const text = await s.seen(handle);
  expectClearRefusal(text, pattern);
  return text;
}

/** A message the bot sent pings nobody, whatever text it repeats. */
export function expectNoPings(message: APIMessage): void {
  expect(message.mention_everyone).toBeFalsy();
  expect(message.mentions ?? []).toEqual([]);
  expect(message.mention_roles ?? []).toEqual([]);
}

/** A second server with its own administrator and the bot's commands: someone who must never reach this workspace. */
export function otherGuild(s: BotStack) {
  const owner = s.lc.createUser({ username: `other-${Math.random().toString(36).slice(2, 8)}` });
  const guild = s.lc.createGuild({ name: '别的县', ownerId: owner.id });
  s.lc.addMember(guild.id, owner.id, { permissions: PermissionFlagsBits.Administrator });
  s.lc.registerCommands(
    slashCommands.map((c) => c.definition),
    guild.id,
  );
  const runThere = (name: string, options: OptionInputs = {}) => s.lc.runSlashCommand({ userId: owner.id, channelId: guild.defaultChannelId, name, options });
  return { owner, guild, runThere };
}
