import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ComponentType, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { afterAll, describe, expect, it } from 'vitest';
import { fillForm } from '../../src/sandbox/modal-form.js';

const dir = mkdtempSync(path.join(tmpdir(), 'duban-form-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(path.join(dir, '会议纪要.txt'), '第一次专题会议纪要');
writeFileSync(path.join(dir, '空文件.pdf'), '');

/** The progress form's shape: a status select, the text, a percent and the evidence upload. */
const progressForm: APIModalInteractionResponseCallbackData = {
  custom_id: 'progress:submit',
  title: '填报进展 · 第 1 项',
  components: [
    {
      type: ComponentType.Label,
      label: '状态',
      component: {
        type: ComponentType.StringSelect,
        custom_id: 'status',
        options: [
          { label: '推进中', value: 'in_progress' },
          { label: '已完成', value: 'done' },
        ],
      },
    },
    { type: ComponentType.Label, label: '进展情况', component: { type: ComponentType.TextInput, custom_id: 'text', style: 2, required: true } },
    { type: ComponentType.Label, label: '完成百分比(可选)', component: { type: ComponentType.TextInput, custom_id: 'percent', style: 1, required: false } },
    {
      type: ComponentType.Label,
      label: '佐证材料(可选)',
      component: { type: ComponentType.FileUpload, custom_id: 'evidence', required: false, min_values: 0, max_values: 5 },
    },
  ],
};

/** A person typing the given lines, one per prompt; what the form shows is collected. */
function typing(lines: string[]) {
  const screen: string[] = [];
  const prompts: string[] = [];
  return {
    screen,
    prompts,
    io: {
      print: (text: string) => screen.push(text),
      nextLine: async (prompt: string) => {
        prompts.push(prompt);
        return lines.shift() ?? null;
      },
    },
  };
}

describe('fillForm', () => {
  it('takes an empty answer to an upload field as no file', async () => {
    const { io } = typing(['1', '召开专题会议', '', '']);
    const fields = await fillForm(progressForm, io, dir);
    expect(fields).toEqual({ status: ['in_progress'], text: '召开专题会议', percent: '', evidence: [] });
  });

  it('reads the file a path names and sends it as the upload', async () => {
    const { io } = typing(['2', '已完成', '100', '会议纪要.txt']);
    const fields = await fillForm(progressForm, io, dir);
    const evidence = fields?.evidence as { filename: string; bytes: Uint8Array }[];
    expect(evidence.map((f) => f.filename)).toEqual(['会议纪要.txt']);
    expect(Buffer.from(evidence[0]?.bytes ?? []).toString('utf8')).toBe('第一次专题会议纪要');
  });

  it('asks again for only the upload field when a path is bad, keeping the other answers', async () => {
    const { io, screen, prompts } = typing(['1', '召开专题会议', '50', 'nosuch.docx', '空文件.pdf', '会议纪要.txt']);
    const fields = await fillForm(progressForm, io, dir);
    expect(screen.join('\n')).toContain('找不到文件“nosuch.docx”');
    expect(screen.join('\n')).toContain('是空文件');
    expect(prompts.filter((p) => p.includes('佐证材料'))).toHaveLength(3);
    expect(prompts.filter((p) => p.includes('进展情况'))).toHaveLength(1);
    expect(fields).toMatchObject({ status: ['in_progress'], text: '召开专题会议', percent: '50' });
    expect((fields?.evidence as { filename: string }[]).map((f) => f.filename)).toEqual(['会议纪要.txt']);
  });

  it('asks again for a required text left empty', async () => {
    const { io, screen } = typing(['1', '', '召开专题会议', '', '']);
    const fields = await fillForm(progressForm, io, dir);
    expect(screen.join('\n')).toContain('此项必填');
    expect(fields?.text).toBe('召开专题会议');
  });
});
