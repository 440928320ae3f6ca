import { ComponentType, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { ModalFieldInput } from 'localcord';
import { readEvidencePaths, readLocalUpload } from './local-files.js';

export interface FormIo {
  print(text: string): void;
  nextLine(prompt: string): Promise<string | null>;
}

type Modal = APIModalInteractionResponseCallbackData;
type TopComponent = Modal['components'][number];

/** The input a modal row holds (inside a Label, or the one text input of an action row), with its label. */
function inputOf(top: TopComponent) {
  if (top.type === ComponentType.Label) return { label: top.label, description: top.description ?? '', input: top.component };
  if (top.type === ComponentType.ActionRow) return { label: '', description: '', input: top.components[0] };
  return null;
}

/**
 * Asks for each field of a form in turn, as Discord's client would check it before sending: a required
 * field left empty, a bad choice or a file that cannot be read is asked again, alone, so what was typed
 * in the other fields is kept. Null when the input ended before the form was complete.
 */
export async function fillForm(modal: Modal, io: FormIo, cwd = process.cwd()): Promise<Record<string, ModalFieldInput> | null> {
  io.print(`📝 表单:${modal.title}`);
  const fields: Record<string, ModalFieldInput> = {};
  for (const top of modal.components) {
    const found = inputOf(top);
    if (!found?.input || !('custom_id' in found.input)) continue;
    const { input, label, description } = found;
    if (description) io.print(`  (${description})`);
    for (;;) {
      let answer: ModalFieldInput;
      try {
        if (input.type === ComponentType.StringSelect) {
          io.print(`  ${label}:${input.options.map((o, i) => `${i + 1}) ${o.label}`).join('  ')}`);
          const line = await io.nextLine('  选择序号> ');
          if (line === null) return null;
          answer = pickOptions(line, input.options, { required: input.required ?? true, min: input.min_values ?? 1, max: input.max_values ?? 1 });
        } else if (input.type === ComponentType.TextInput) {
          const kept = input.value ? `(已填:${input.value.slice(0, 30)}${input.value.length > 30 ? '…' : ''},直接回车保留)` : '';
          const line = await io.nextLine(`  ${label || input.label || input.custom_id}${kept}> `);
          if (line === null) return null;
          answer = readText(line, input, cwd);
        } else if (input.type === ComponentType.FileUpload) {
          const required = input.required ?? true;
          const max = input.max_values ?? 1;
          const line = await io.nextLine(
            `  ${label}(填本地文件路径${max > 1 ? `,多个用逗号分隔,最多 ${max} 个` : ''}${required ? '' : ';直接回车表示不附文件'})> `,
          );
          if (line === null) return null;
          const files = await readEvidencePaths(line, { cwd, maxFiles: max });
          if (required && files.length === 0) throw new Error('此项必填:请给出文件路径。');
          answer = files;
        } else {
          break;
        }
      } catch (error) {
        io.print(`  ⚠️ ${(error as Error).message}(其他已填的内容保留,请重新输入这一项)`);
        continue;
      }
      fields[input.custom_id] = answer;
      break;
    }
  }
  return fields;
}

function pickOptions(line: string, options: readonly { label: string; value: string }[], rule: { required: boolean; min: number; max: number }): string[] {
  const picked = line
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map((n) => {
      const option = options[Number(n) - 1] ?? options.find((o) => o.label === n);
      if (!option) throw new Error(`没有第“${n}”项,请输入 1–${options.length} 的序号。`);
      return option.value;
    });
  if (picked.length === 0 && !rule.required) return [];
  if (picked.length < Math.max(rule.min, 1)) throw new Error('此项必填:请输入选项的序号。');
  if (picked.length > rule.max) throw new Error(`最多只能选 ${rule.max} 项。`);
  return picked;
}

function readText(line: string, input: { required?: boolean; min_length?: number; max_length?: number; value?: string }, cwd: string): string {
  let text = line.startsWith('@') ? Buffer.from(readLocalUpload(line.slice(1), { cwd }).bytes).toString('utf8') : line.replace(/\\n/g, '\n');
  if (!text && input.value) text = input.value;
  const required = input.required ?? true;
  if (required && !text) throw new Error('此项必填。');
  if (text && input.min_length !== undefined && text.length < input.min_length) throw new Error(`至少要填 ${input.min_length} 个字。`);
  const max = input.max_length ?? 4000;
  if (text.length > max) throw new Error(`最多 ${max} 个字,你填了 ${text.length} 个。`);
  return text;
}
