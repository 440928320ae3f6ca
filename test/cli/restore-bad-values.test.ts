import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupDocument } from '../../src/app/backup/backup-document.js';
import { exportWorkspace } from '../../src/db/backup/export-workspace.js';
import { listTables } from '../../src/db/backup/table-columns.js';
import type { CliIo } from '../../src/cli/cli-command.js';
import { runCli } from '../../src/cli/cli.js';
import { openPglite, openPostgres, type StorageKind } from '../../src/db/database.js';
import { seedEveryTable } from '../app/backup/seed-every-table.js';
import { createScratchDatabase, openMigratedStorage, storageKinds } from '../support/storage.js';

const root = path.resolve(import.meta.dirname, '../..');

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

type Mutation = (doc: BackupDocument) => void;

/** Each way a backup file can carry a value that must not be restored, with what the person is told. */
const cases: { name: string; mutate: Mutation; message: RegExp }[] = [
  {
    name: 'a timestamp that is not one',
    mutate: (doc) => void (doc.tables.reminder_deliveries![0]!.fire_at = '2026-13-45T25:00:00Z'),
    message: /reminder_deliveries 表第 1 行\(id \d+\)的 fire_at 列应为带时区的时间.*"2026-13-45T25:00:00Z"/,
  },
  {
    name: 'a duplicate key',
    mutate: (doc) => void doc.tables.units!.push({ ...doc.tables.units![0]!, id: 424242 }),
    message: /units 表第 3 行\(id 424242\)的 workspace_id, name 列与同表另一行重复/,
  },
  {
    name: 'a duplicate id',
    mutate: (doc) => void doc.tables.unit_aliases!.push({ ...doc.tables.unit_aliases![0]!, alias: '区法制办' }),
    message: /unit_aliases 表第 2 行\(id \d+\)的 id 列与同表另一行重复/,
  },
  {
    name: 'a foreign key pointing at nothing',
    mutate: (doc) => void (doc.tables.unit_aliases![0]!.unit_id = 999_999),
    message: /unit_aliases 表第 1 行\(id \d+\)的 .*unit_id 列指向 units 表中不存在的行/,
  },
  {
    name: 'a NUL byte in text',
    mutate: (doc) => void (doc.tables.notices![0]!.source_text = '一、依法行政\u0000'),
    message: /notices 表第 1 行\(id \d+\)的 source_text 列含有 NUL 字符/,
  },
  {
    name: 'a NUL byte inside JSON',
    mutate: (doc) => void (doc.tables.audit_log![0]!.details = { name: 'x\u0000' }),
    message: /audit_log 表第 1 行\(id \d+\)的 details 列含有 NUL 字符/,
  },
  {
    name: 'an id that is not a whole number',
    mutate: (doc) => void (doc.tables.units![0]!.id = 1.5),
    message: /units 表第 1 行\(id 1\.5\)的 id 列应为 -2147483648 至 2147483647 之间的整数/,
  },
  {
    name: 'an id that is text',
    mutate: (doc) => void (doc.tables.sections![0]!.id = 'abc'),
    message: /sections 表第 1 行\(id abc\)的 id 列应为 .*整数/,
  },
  {
    name: 'file content that is not base64',
    mutate: (doc) => void (doc.tables.evidence_files![0]!.content = 'not base64 at all!'),
    message: /evidence_files 表第 1 行\(id \d+\)的 content 列应为 base64 编码的文件内容/,
  },
  {
    name: 'a unit name neither /unit add nor a notice would accept',
    mutate: (doc) => void (doc.tables.units![0]!.name = '{"$ne":1}'),
    message: /units 表第 1 行\(id \d+\)的 name 列不符合规则:单位名称只能包含汉字、字母、数字和括号/,
  },
  {
    name: 'an alias with a mention in it',
    mutate: (doc) => void (doc.tables.unit_aliases![0]!.alias = '@everyone'),
    message: /unit_aliases 表第 1 行\(id \d+\)的 alias 列不符合规则/,
  },
  {
    name: 'a progress report /progress would refuse',
    mutate: (doc) => void (doc.tables.progress_revisions![0]!.percent = 250),
    message: /progress_revisions 表第 1 行\(id \d+\)的 percent 列不符合规则:完成百分比应为0到100之间的整数/,
  },
  {
    name: 'a bonus /ranking bonus would refuse',
    mutate: (doc) => void (doc.tables.score_adjustments![0]!.reason = '\u200b '),
    message: /score_adjustments 表第 1 行\(id \d+\)的 reason 列不符合规则:请写明加分理由/,
  },
];

describe.each(storageKinds)('duban restore with a bad value in the file, on %s', (kind: StorageKind) => {
  const saved = { ...process.env };
  let dir: string;
  let good: BackupDocument;
  let target: string;
  let dropTarget: (() => Promise<void>) | undefined;

  /** The target's tables, read after the command closed it: none, if nothing was touched. */
  const targetTables = async (): Promise<string[]> => {
    const storage = kind === 'postgres' ? await openPostgres(target) : await openPglite(path.join(target, 'pglite'));
    try {
      return await listTables(storage.db);
    } finally {
      await storage.close();
    }
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'duban-restore-bad-'));
    const source = await openMigratedStorage(kind);
    try {
      const seeded = await seedEveryTable(source.db, '130000000000000077', '甲');
      good = await exportWorkspace(source.db, seeded.workspaceId);
    } finally {
      await source.close();
    }
    if (kind === 'postgres') {
      const scratch = await createScratchDatabase();
      target = scratch.url;
      dropTarget = scratch.drop;
      process.env.DATABASE_URL = target;
    } else {
      target = path.join(dir, 'target');
      process.env.DATABASE_URL = '';
      process.env.DATA_DIR = target;
    }
  });
  afterAll(async () => {
    process.env = saved;
    await dropTarget?.();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(cases)('refuses $name with one message naming table, row and column, and leaves the database untouched', async ({ mutate, message }) => {
    const doc = structuredClone(good);
    mutate(doc);
    const file = path.join(dir, 'bad.json');
    await writeFile(file, JSON.stringify(doc));
    const io = captureIo();
    expect(await runCli(['restore', file], io)).toBe(2);
    expect(io.err).toHaveLength(1);
    expect(io.err[0]).toMatch(/^恢复失败,数据库保持原样,未写入任何数据:备份文件中 /);
    expect(io.err[0]).toMatch(message);
    expect(io.err[0]).not.toMatch(/\n\s+at /);
    expect(io.out).toEqual([]);
    // Not even the schema: the empty database is exactly as it was before the command.
    expect(await targetTables()).toEqual([]);
  });

  it('restores the same file unchanged afterwards into the database the refusals left untouched', async () => {
    const file = path.join(dir, 'good.json');
    await writeFile(file, JSON.stringify(good));
    const io = captureIo();
    expect(await runCli(['restore', file], io)).toBe(0);
    expect(io.out.join('\n')).toContain('已恢复工作区');
    expect((await targetTables()).length).toBeGreaterThan(20);
  });
});

describe('duban restore as a process', () => {
  it('prints one line and no stack trace for a bad row, exits 2, and creates nothing in the embedded database', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'duban-restore-proc-'));
    try {
      const source = await openMigratedStorage('pglite');
      const seeded = await seedEveryTable(source.db, '130000000000000078', '乙');
      const doc = await exportWorkspace(source.db, seeded.workspaceId);
      await source.close();
      doc.tables.task_actions![0]!.created_at = 'yesterday';
      const file = path.join(dir, 'bad.json');
      await writeFile(file, JSON.stringify(doc));
      const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'restore', file], {
          cwd: root,
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/task_actions 表第 1 行\(id \d+\)的 created_at 列应为带时区的时间.*"yesterday"/);
      const target = await openPglite(path.join(dir, 'data', 'pglite'));
      try {
        expect(await listTables(target.db)).toEqual([]);
      } finally {
        await target.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
