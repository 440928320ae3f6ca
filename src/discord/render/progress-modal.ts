import {
  FileUploadBuilder,
  LabelBuilder,
  ModalBuilder,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { maxProgressTextLength, progressStatusLabels, progressStatuses } from '../../domain/progress/index.js';
import { progressIds } from '../custom-ids.js';
import { truncate } from './pager.js';

export const PROGRESS_FIELDS = { status: 'status', text: 'text', percent: 'percent', evidence: 'evidence' } as const;

export interface ProgressModalInput {
  task: { id: number; seq: number; label: string; title: string };
  unitId: number;
  periodId: number;
  periodLabel: string;
  existing?: { status: string; body: string; percent: number | null } | null;
}

/** One task's report: status, what was done, an optional percentage and optional evidence files. */
export function buildProgressModal(input: ProgressModalInput): ModalBuilder {
  const status = new StringSelectMenuBuilder()
    .setCustomId(PROGRESS_FIELDS.status)
    .setPlaceholder('请选择当前状态')
    .addOptions(
      progressStatuses.map((value) =>
        new StringSelectMenuOptionBuilder()
          .setLabel(progressStatusLabels[value])
          .setValue(value)
          .setDefault(input.existing?.status === value),
      ),
    );
  const text = new TextInputBuilder()
    .setCustomId(PROGRESS_FIELDS.text)
    .setStyle(TextInputStyle.Paragraph)
    .setMinLength(1)
    .setMaxLength(maxProgressTextLength)
    .setRequired(true)
    .setPlaceholder('本期做了什么、取得了哪些进展、下一步打算;受阻时写明原因');
  if (input.existing?.body) text.setValue(input.existing.body.slice(0, maxProgressTextLength));
  const percent = new TextInputBuilder()
    .setCustomId(PROGRESS_FIELDS.percent)
    .setStyle(TextInputStyle.Short)
    .setMaxLength(4)
    .setRequired(false)
    .setPlaceholder('0–100,可不填');
  if (input.existing?.percent !== null && input.existing?.percent !== undefined) percent.setValue(String(input.existing.percent));
  return new ModalBuilder()
    .setCustomId(progressIds.encode('submit', input.task.id, input.unitId, input.periodId))
    .setTitle(truncate(`${input.existing ? '修改' : '填报'}进展 · 第 ${input.task.seq} 项`, 45))
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('状态')
        .setDescription(truncate(`${input.task.label}${input.task.title}`, 100))
        .setStringSelectMenuComponent(status),
      new LabelBuilder().setLabel(truncate(`进展情况(${input.periodLabel})`, 45)).setTextInputComponent(text),
      new LabelBuilder().setLabel('完成百分比(可选)').setTextInputComponent(percent),
      new LabelBuilder()
        .setLabel('佐证材料(可选)')
        .setDescription('最多 5 个文件,每个不超过 20 MB,将保存在督办系统中')
        .setFileUploadComponent(new FileUploadBuilder().setCustomId(PROGRESS_FIELDS.evidence).setRequired(false).setMinValues(0).setMaxValues(5)),
    );
}
