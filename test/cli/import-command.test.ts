import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { runCli } from '../../src/cli/cli.js';
import { cliCommands } from '../../src/cli/registry.js';
import type { Storage } from '../../src/db/database.js';
import { openPostgres } from '../../src/db/database.js';
import { createScratchDatabase } from '../support/storage.js';

const fixture = (name: string) => path.resolve(import.meta.dirname, '../fixtures/notices', name);

describe('duban import', () => {
  let storage: Storage;
  let drop: () => Promise<void>;
  const saved = process.env.DATABASE_URL;
  beforeAll(async () => {
    // The CLI opens storage itself from DATABASE_URL; the test reads the same database.
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    process.env.DATABASE_URL = scratch.url;
    storage = await openPostgres(scratch.url);
  });
  afterAll(async () => {
    process.env.DATABASE_URL = saved;
    await storage?.close();
    await drop?.();
  });

  async function cli(...args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, cliCommands);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('imports a notice into the workspace of a guild id, creating its units', async () => {
    const result = await cli('import', fixture('trailing-paren-fazhi-2017.txt'), '--workspace', '130000000000000001');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/已导入 2017 年工作要点\(第 1 版\)/);
    expect(result.out).toContain('新建单位:');
    const tasks = await storage.db.selectFrom('tasks').select('id').execute();
    expect(tasks.length).toBeGreaterThan(10);
  });

  it('shows what changed when the same notice is imported again', async () => {
    const result = await cli('import', fixture('trailing-paren-fazhi-2017.txt'), '--workspace', '130000000000000001');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/与第 1 版相比:新增 0、删除 0、改写 0、责任单位变化 0/);
  });

  it('refuses a file with no tasks, storing nothing, with exit code 2', async () => {
    const before = await storage.db.selectFrom('notices').select('id').execute();
    const result = await cli('import', fixture('generated/junk.bin'), '--workspace', '130000000000000001');
    expect(result.code).toBe(2);
    expect(result.err).not.toBe('');
    expect(await storage.db.selectFrom('notices').select('id').execute()).toEqual(before);
  });

  it('refuses an unknown workspace and a missing file', async () => {
    expect((await cli('import', fixture('trailing-paren-fazhi-2017.txt'), '--workspace', '77')).err).toContain('找不到工作区“77”');
    expect((await cli('import', '/nonexistent.txt', '--workspace', '1')).err).toContain('无法读取文件');
    expect((await cli('import')).code).toBe(2);
  });
});
