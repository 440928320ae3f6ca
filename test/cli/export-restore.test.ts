import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-command.js';
import { runCli } from '../../src/cli/cli.js';
import { openPglite, type Storage, type StorageKind } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedEveryTable } from '../app/backup/seed-every-table.js';
import { openEmptyStorage, openMigratedStorage, storageKinds } from '../support/storage.js';

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

const guildId = '130000000000000042';

/** Points the CLI's configuration at a database: a Postgres URL, or a PGlite DATA_DIR. */
function useDatabase(kind: StorageKind, where: string): void {
  if (kind === 'postgres') {
    process.env.DATABASE_URL = where;
  } else {
    process.env.DATABASE_URL = '';
    process.env.DATA_DIR = where;
  }
}

describe.each(storageKinds)('duban export and duban restore on %s', (kind) => {
  const saved = { ...process.env };
  let dir: string;
  let source: string;
  let target: string;
  const opened: Storage[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'duban-backup-cli-'));
    if (kind === 'postgres') {
      const from = await openMigratedStorage('postgres');
      await seedEveryTable(from.db, guildId, '甲');
      await seedEveryTable(from.db, '130000000000000043', '乙');
      const to = await openEmptyStorage('postgres');
      opened.push(from, to);
      source = from.location;
      target = to.location;
    } else {
      source = path.join(dir, 'source');
      target = path.join(dir, 'target');
      const from = await openPglite(path.join(source, 'pglite'));
      await migrateToLatest(from.db);
      await seedEveryTable(from.db, guildId, '甲');
      await from.close();
    }
  });
  afterAll(async () => {
    process.env = saved;
    await Promise.all(opened.map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('exports, restores into an empty database and exports the same document again', async () => {
    const first = path.join(dir, 'first.json');
    const second = path.join(dir, 'second.json');
    useDatabase(kind, source);
    const exported = captureIo();
    expect(await runCli(['export', '--workspace', guildId, first], exported)).toBe(0);
    expect(exported.out.join('\n')).toMatch(/已导出工作区 \d+\(清河区人民政府甲,服务器 130000000000000042\):\d+ 张表、\d+ 行,\d+ KB/);

    useDatabase(kind, target);
    const restored = captureIo();
    expect(await runCli(['restore', first], restored)).toBe(0);
    expect(restored.out.join('\n')).toContain('已恢复工作区');
    expect(await runCli(['export', '--workspace', guildId, second], captureIo())).toBe(0);

    const a = JSON.parse(await readFile(first, 'utf8'));
    const b = JSON.parse(await readFile(second, 'utf8'));
    expect({ ...b, exportedAt: '' }).toEqual({ ...a, exportedAt: '' });
  });

  it('refuses to restore into a database that holds data', async () => {
    useDatabase(kind, target);
    const io = captureIo();
    expect(await runCli(['restore', path.join(dir, 'first.json')], io)).toBe(2);
    expect(io.err.join('\n')).toContain('目标数据库不是空的');
  });

  it('refuses a file that is not a backup, and an unknown workspace, with a clear message', async () => {
    const junk = path.join(dir, 'junk.json');
    await writeFile(junk, '{"format":"something-else"}');
    useDatabase(kind, target);
    const io = captureIo();
    expect(await runCli(['restore', junk], io)).toBe(2);
    expect(io.err.join('\n')).toContain('不是 duban export 写出的备份');
    const notJson = captureIo();
    await writeFile(junk, 'hello');
    expect(await runCli(['restore', junk], notJson)).toBe(2);
    expect(notJson.err.join('\n')).toContain('不是有效的 JSON');
    const unknown = captureIo();
    expect(await runCli(['export', '--workspace', '999999', path.join(dir, 'x.json')], unknown)).toBe(2);
    expect(unknown.err.join('\n')).toContain('找不到工作区');
    const usage = captureIo();
    expect(await runCli(['export', path.join(dir, 'x.json')], usage)).toBe(2);
    expect(usage.err.join('\n')).toContain('用法');
  });
});
