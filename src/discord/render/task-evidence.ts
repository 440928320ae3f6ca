import { ActionRowBuilder, AttachmentBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { TaskEvidenceItem } from '../../app/tasks/task-evidence.js';
import type { EvidenceContent } from '../../ports.js';
import { taskIds } from '../custom-ids.js';
import type { PrivatePayload } from '../respond.js';
import { fitLines } from './pager.js';

/** What one answer attaches: Discord's 10 files a message, and well under its upload limit for bots. */
export const EVIDENCE_ATTACH_MAX_FILES = 10;
export const EVIDENCE_ATTACH_MAX_BYTES = 8 * 1024 * 1024;

export function evidenceButton(seq: number, count: number): ButtonBuilder {
  return new ButtonBuilder().setCustomId(taskIds.encode('evidence', seq)).setLabel(`佐证材料(${count})`).setStyle(ButtonStyle.Secondary);
}

export function evidenceRow(seq: number, count: number): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(evidenceButton(seq, count));
}

/** Which files go with the answer: newest first, while they fit. */
export function pickAttachable(items: readonly TaskEvidenceItem[]): TaskEvidenceItem[] {
  const picked: TaskEvidenceItem[] = [];
  let bytes = 0;
  for (const item of items) {
    if (picked.length >= EVIDENCE_ATTACH_MAX_FILES) break;
    if (bytes + item.sizeBytes > EVIDENCE_ATTACH_MAX_BYTES) continue;
    picked.push(item);
    bytes += item.sizeBytes;
  }
  return picked;
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The evidence of a task: each file listed, the ones that fit attached (images show in Discord), and a ledger link for all. */
export function renderTaskEvidence(input: {
  seq: number;
  title: string;
  items: readonly TaskEvidenceItem[];
  attached: readonly EvidenceContent[];
  ledgerUrl: string | null;
}): PrivatePayload {
  const { items, attached } = input;
  if (items.length === 0) return `第 ${input.seq} 项任务还没有单位上传佐证材料。`;
  const sent = new Set(attached.map((f) => f.id));
  const lines = items.map(
    (item) =>
      `· ${item.unitName} · ${item.periodLabel} · 第 ${item.revision} 版:${item.filename}(${sizeText(item.sizeBytes)})${sent.has(item.id) ? '' : ' —— 未附上,请在台账中查看'}`,
  );
  const head = `第 ${input.seq} 项任务的佐证材料,共 ${items.length} 个${attached.length < items.length ? `,附上其中 ${attached.length} 个` : ''}:`;
  const tail = input.ledgerUrl ? `在台账网页中查看全部(个人链接,请勿转发):\n<${input.ledgerUrl}>` : '';
  const content = [head, fitLines(lines, 2000 - head.length - tail.length - 40), tail].filter(Boolean).join('\n');
  return { content, files: attached.map((f) => new AttachmentBuilder(Buffer.from(f.bytes), { name: f.filename })) };
}
