import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseNotice } from '../../domain/notice/index.js';
import type { ParsedNotice, ParsedTask } from '../../domain/notice/index.js';
import { NoticeFileError, readNoticeFile } from '../../files/index.js';
import { toChineseNumeral } from '../../domain/text/chinese-numerals.js';
import type { CliCommand, CliIo } from '../cli-command.js';

/**
 * `duban parse [--json] FILE`: reads a notice file and prints its tasks. Stores nothing; the import command
 * does that. FILE may be "-" for text on standard input.
 */
export const parseCommand = {
  name: 'parse',
  summary: '解析工作要点文件并输出任务',
  usage: 'duban parse [--json] FILE',
  async run(argv: string[], io: CliIo): Promise<number> {
    let json: boolean;
    let file: string | undefined;
    try {
      const { values, positionals } = parseArgs({
        args: argv,
        options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
        allowPositionals: true,
        strict: true,
      });
      if (values.help) {
        io.stdout(`用法：${parseCommand.usage}\n${parseCommand.summary}。--json 输出一个 JSON 对象；FILE 为 - 时从标准输入读取文字。`);
        return 0;
      }
      json = values.json;
      file = positionals[0];
      if (positionals.length !== 1 || file === undefined) throw new Error(positionals.length === 0 ? '缺少文件名' : '只能指定一个文件');
    } catch (error) {
      io.stderr(`${describeArgumentError(error)}\n用法：${parseCommand.usage}`);
      return 2;
    }

    let text: string;
    try {
      text = await readInput(file);
    } catch (error) {
      io.stderr(describeReadError(file, error));
      return 2;
    }
    const notice = parseNotice(text);
    if (json) io.stdout(JSON.stringify(toJsonShape(notice)));
    else io.stdout(renderNotice(notice));
    if (notice.tasks.length === 0) {
      io.stderr(`没有在 ${file} 中找到任何任务。请确认这是工作要点或任务分工方案：任务应以（一）、1. 等编号开头并写明责任单位，或以表格列出。`);
      return 2;
    }
    return 0;
  },
} satisfies CliCommand;

function describeArgumentError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  // node:util parseArgs explains itself in English; the user reads Chinese.
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `参数有误：不认识的选项。${/'([^']+)'/.exec(String((error as Error).message))?.[1] ?? ''}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return '参数有误：选项的值不对。';
  return `参数有误：${error instanceof Error ? error.message : String(error)}`;
}

async function readInput(file: string): Promise<string> {
  const bytes = file === '-' ? await readStdin() : new Uint8Array(await readFile(file));
  return (await readNoticeFile(bytes, file)).text;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return new Uint8Array(Buffer.concat(chunks));
}

function describeReadError(file: string, error: unknown): string {
  if (error instanceof NoticeFileError) return `无法读取 ${file}：${error.message}`;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return `找不到文件：${file}`;
  if (code === 'EISDIR') return `${file} 是一个文件夹，请指定工作要点文件。`;
  if (code === 'EACCES' || code === 'EPERM') return `没有权限读取 ${file}。`;
  return `无法读取 ${file}：${error instanceof Error ? error.message : String(error)}`;
}

/** The documented JSON shape of `duban parse --json`, and nothing more. */
export function toJsonShape(notice: ParsedNotice): unknown {
  return {
    title: notice.title,
    year: notice.year,
    sections: notice.sections.map((section) => ({ no: section.no, title: section.title })),
    tasks: notice.tasks.map((task) => ({
      no: task.no,
      section: task.section,
      title: task.title,
      text: task.text,
      lead: task.lead,
      supporting: task.supporting,
      deadline: task.deadline,
      dueDate: task.dueDate,
      targets: task.targets,
    })),
    diagnostics: notice.diagnostics.map((diagnostic) => ({ line: diagnostic.line, severity: diagnostic.severity, message: diagnostic.message })),
  };
}

/** The readable form: a header, one table per section, then the diagnostics. */
export function renderNotice(notice: ParsedNotice): string {
  const out: string[] = [];
  out.push(`标题：${notice.title ?? '（未识别）'}`);
  out.push(`年度：${notice.year ?? '（未识别）'}    发文单位：${notice.issuer ?? '（未识别）'}`);
  const errors = notice.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  out.push(`共 ${notice.sections.length} 个部分、${notice.tasks.length} 项任务；${notice.diagnostics.length} 条提示（错误 ${errors} 条）`);
  const groups = new Map<number | null, ParsedTask[]>();
  for (const task of notice.tasks) groups.set(task.section, [...(groups.get(task.section) ?? []), task]);
  for (const [sectionNo, tasks] of groups) {
    const section = notice.sections.find((candidate) => candidate.no === sectionNo);
    out.push('');
    out.push(section ? `${toChineseNumeral(section.no)}、${section.title}` : '（未分部分）');
    out.push(renderTable(tasks));
  }
  if (notice.diagnostics.length > 0) {
    out.push('');
    out.push('提示：');
    for (const diagnostic of notice.diagnostics) {
      out.push(`  第${diagnostic.line}行 [${diagnostic.severity === 'error' ? '错误' : '警告'}] ${diagnostic.message}`);
    }
  }
  return out.join('\n');
}

const HEADINGS = ['编号', '任务', '牵头单位', '配合单位', '完成时限'];
const WIDTHS = [8, 28, 18, 30];

function renderTable(tasks: readonly ParsedTask[]): string {
  const rows = tasks.map((task) => [
    task.label || String(task.no),
    task.title,
    task.leads.join('、') || '（未写明）',
    task.supporting.join('、') || '—',
    task.deadline === null ? '—' : task.dueDate && task.dueDate !== task.deadline ? `${task.deadline}（${task.dueDate}）` : task.deadline,
  ]);
  // The last column is not cut: nothing follows it.
  return [HEADINGS, ...rows]
    .map(
      (row) =>
        `  ${row
          .map((cell, i) => (i === row.length - 1 ? cell : fit(cell, WIDTHS[i] ?? 10)))
          .join('  ')
          .trimEnd()}`,
    )
    .join('\n');
}

/** Pads or cuts to a display width where Chinese characters count double. */
function fit(text: string, width: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch);
    if (used + w > width - 1 && used + w + displayWidthOf(text.slice(out.length + ch.length)) > width) {
      out += '…';
      used += 1;
      break;
    }
    out += ch;
    used += w;
  }
  return out + ' '.repeat(Math.max(0, width - used));
}

function displayWidthOf(text: string): number {
  let width = 0;
  for (const ch of text) width += displayWidth(ch);
  return width;
}

function displayWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
    ? 2
    : 1;
}
