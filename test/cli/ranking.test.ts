import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-command.js';
import { rankingCommand } from '../../src/cli/commands/ranking.js';
import { runCli } from '../../src/cli/cli.js';
import { prepareCliStorage } from '../app/ranking/cli-storage.js';
import type { SeededWorkspace } from '../app/ranking/seed-ranking-workspace.js';
import { storageKinds } from '../support/storage.js';

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

describe.each(storageKinds)('duban ranking on %s', (kind) => {
  let seeded: SeededWorkspace;
  let dir: string;
  let close: () => Promise<void>;
  const guildId = '120000000000000777';

  beforeAll(async () => {
    ({ seeded, dir, close } = await prepareCliStorage(kind, guildId));
  });
  afterAll(async () => {
    await close?.();
  });

  it('prints the quarter’s ranking by category, with the unranked units', async () => {
    const io = captureIo();
    expect(await rankingCommand.run(['--workspace', String(seeded.workspaceId), '--year', '2026', '--quarter', '1'], io)).toBe(0);
    const text = io.out.join('\n');
    expect(text).toContain('2026年第一季度考核排名（清河区，报送截止2026-03-25，默认评分规则）');
    expect(text).toMatch(/部门\n\s+1 {2}区发改局 {2}103分/);
    expect(text).toContain('并列2  北岭镇  101.8分');
    expect(text).toContain('不参加排名：区财政局（本期没有考核任务，不参加排名）');
  });

  it('prints exactly one JSON object with --json, and writes the .xlsx and .png it was asked for', async () => {
    const io = captureIo();
    const xlsx = path.join(dir, 'ranking.xlsx');
    const png = path.join(dir, 'ranking.png');
    const code = await rankingCommand.run(
      ['--workspace', guildId, '--year', '2026', '--quarter', '1', '--category', 'township', '--xlsx', xlsx, '--png', png, '--json'],
      io,
    );
    expect(code).toBe(0);
    expect(io.out).toHaveLength(1);
    const json = JSON.parse(io.out[0] ?? '');
    expect(json.ranking.township.map((e: { name: string }) => e.name)).toEqual(['东湖镇', '北岭镇', '南桥街道', '西山镇']);
    expect(json.files).toEqual({ xlsx, png });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(xlsx)) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('排名')?.getCell('C3').value).toBe('东湖镇');
    const ledger = workbook.getWorksheet('任务状态');
    const texts: unknown[] = [];
    ledger?.eachRow((row, index) => {
      if (index > 2) texts.push((row.values as unknown[])[16]);
    });
    expect(texts).toContain('镇党委理论学习中心组学习');
    expect((await readFile(png)).subarray(1, 4).toString()).toBe('PNG');
  });

  it('ranks the year without --quarter and keeps a snapshot with --save', async () => {
    const io = captureIo();
    expect(await rankingCommand.run(['--workspace', String(seeded.workspaceId), '--year', '2026', '--save'], io)).toBe(0);
    expect(io.out[0]).toContain('2026年度考核排名');
    expect(io.out.join('\n')).toMatch(/已保存排名快照（编号 \d+）。/);
  });

  it('explains in Chinese why a year without a notice cannot be ranked', async () => {
    const io = captureIo();
    expect(await rankingCommand.run(['--workspace', String(seeded.workspaceId), '--year', '2027', '--quarter', '3'], io)).toBe(2);
    expect(io.err.join('')).toContain('2027 年没有导入工作要点,无法排名。已导入的年度:2026。');
  });

  it('refuses bad arguments, an unknown workspace and an unwritable file', async () => {
    const bad = captureIo();
    expect(await rankingCommand.run(['--workspace', '1', '--year', '2026', '--quarter', '5'], bad)).toBe(2);
    expect(bad.err[0]).toContain('--quarter 应为 1、2、3 或 4');
    const unknown = captureIo();
    expect(await rankingCommand.run(['--workspace', '99999', '--year', '2026', '--quarter', '1'], unknown)).toBe(2);
    expect(unknown.err[0]).toContain('找不到工作区“99999”');
    const unwritable = captureIo();
    expect(
      await rankingCommand.run(
        ['--workspace', String(seeded.workspaceId), '--year', '2026', '--quarter', '1', '--xlsx', path.join(dir, 'missing', 'r.xlsx')],
        unwritable,
      ),
    ).toBe(2);
    expect(unwritable.err[0]).toContain('所在目录不存在');
  });

  it('is listed in duban --help', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('duban ranking --workspace ID --year YYYY');
  });
});
