import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/cli/commands/parse.js';
import { NOTICES_DIR, makeJunk } from '../fixtures/make-fixtures.js';

// The test of `duban parse` lives here, beside the file reader it drives, until test/cli/ has an owner.

async function runParse(argv: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await parseCommand.run(argv, { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text) });
  return { code, stdout, stderr };
}

describe('duban parse', () => {
  it('prints exactly one JSON object of the documented shape with --json', async () => {
    const { code, stdout, stderr } = await runParse(['--json', join(NOTICES_DIR, 'table-pipe.txt')]);
    expect(code).toBe(0);
    expect(stderr).toEqual([]);
    expect(stdout).toHaveLength(1);
    const output = JSON.parse(stdout[0] ?? '') as Record<string, unknown>;
    expect(Object.keys(output)).toEqual(['title', 'year', 'sections', 'tasks', 'diagnostics']);
    expect(output.title).toBe('西城区2022年法治政府建设任务台账');
    expect(output.year).toBe(2022);
    expect(output.sections).toEqual([
      { no: 1, title: '推进严格规范公正文明执法' },
      { no: 2, title: '强化行政权力制约监督' },
    ]);
    const tasks = output.tasks as Array<Record<string, unknown>>;
    expect(Object.keys(tasks[0] ?? {})).toEqual(['no', 'section', 'title', 'text', 'lead', 'supporting', 'deadline', 'dueDate', 'targets']);
    expect(tasks.map((task) => [task.no, task.section, task.lead, task.supporting])).toEqual([
      [1, 1, '区司法局', ['区政府各行政执法部门']],
      [2, 1, '区司法局', []],
      [3, 1, '区委编办', ['区司法局', '各镇政府（街道办事处）']],
      [4, 2, '区司法局', []],
      [5, 2, '区司法局', ['区法院', '区政府各部门']],
      [6, 2, null, ['区政府办公室', '区政务服务中心', '区政府各部门']],
    ]);
    expect(tasks[0]).toMatchObject({ deadline: '2022年底前', dueDate: '2022-12-31', targets: ['达到100%'] });
    expect(output.diagnostics).toEqual([{ line: 12, severity: 'warning', message: expect.stringContaining('没有写明牵头单位') }]);
  });

  it('prints a readable Chinese table without --json', async () => {
    const { code, stdout } = await runParse([join(NOTICES_DIR, 'lead-fields-zhuban.txt')]);
    expect(code).toBe(0);
    const text = stdout.join('\n');
    expect(text).toContain('标题：白沙镇2019年度依法行政重点工作安排');
    expect(text).toContain('共 0 个部分、5 项任务');
    expect(text).toMatch(/5、\s+做好人民调解工作\s+镇司法所\s+镇综治办、各村（社区）人民调/);
  });

  it('exits with 2 and says why when the file has no task', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-parse-'));
    const file = join(dir, 'note.txt');
    writeFileSync(file, '会议纪要\n今天开了会。\n');
    const { code, stderr } = await runParse(['--json', file]);
    expect(code).toBe(2);
    expect(stderr.join('')).toContain('没有在');
  });

  it('exits with 2 and a Chinese message when the file cannot be read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-parse-'));
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, makeJunk(2048));
    const unreadable = await runParse(['--json', junk]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stdout).toEqual([]);
    expect(unreadable.stderr.join('')).toContain('无法识别的文件格式');

    const missing = await runParse([join(dir, 'missing.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.join('')).toContain('找不到文件');
  });

  it('explains its usage when the arguments are wrong', async () => {
    const { code, stderr } = await runParse(['--nonsense']);
    expect(code).toBe(2);
    expect(stderr.join('')).toContain('用法：duban parse [--json] FILE');
  });
});
