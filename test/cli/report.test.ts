import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cli-command.js';
import { reportCommand } from '../../src/cli/commands/report.js';
import { prepareCliStorage } from '../app/ranking/cli-storage.js';
import type { SeededWorkspace } from '../app/ranking/seed-ranking-workspace.js';
import { storageKinds } from '../support/storage.js';

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

describe.each(storageKinds)('duban report annual on %s', (kind) => {
  let seeded: SeededWorkspace;
  let dir: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ seeded, dir, close } = await prepareCliStorage(kind, '120000000000000778'));
  });
  afterAll(async () => {
    await close?.();
  });

  it('writes the annual report draft as a .docx', async () => {
    const io = captureIo();
    const docx = path.join(dir, '年度报告.docx');
    expect(await reportCommand.run(['annual', '--workspace', String(seeded.workspaceId), '--year', '2026', '--docx', docx], io)).toBe(0);
    expect(io.out[0]).toBe(`已写入《清河区2026年度法治政府建设情况报告》草稿：${docx}`);
    const text = (await mammoth.extractRawText({ path: docx })).value;
    expect(text).toContain('一、工作开展情况');
    expect(text).toContain('加强党的领导');
    expect(text).toContain('区司法局');
  });

  it('asks for the report kind, the file, and a year with a notice', async () => {
    const noKind = captureIo();
    expect(await reportCommand.run(['--workspace', '1', '--year', '2026', '--docx', 'x.docx'], noKind)).toBe(2);
    expect(noKind.err[0]).toContain('目前只支持年度报告');
    const noFile = captureIo();
    expect(await reportCommand.run(['annual', '--workspace', '1', '--year', '2026'], noFile)).toBe(2);
    expect(noFile.err[0]).toContain('请用 --docx 指明');
    const noNotice = captureIo();
    expect(await reportCommand.run(['annual', '--workspace', String(seeded.workspaceId), '--year', '2031', '--docx', path.join(dir, 'x.docx')], noNotice)).toBe(
      2,
    );
    expect(noNotice.err[0]).toContain('2031年还没有导入工作要点');
  });
});
