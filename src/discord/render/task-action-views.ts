import { LabelBuilder, ModalBuilder, StringSelectMenuBuilder, StringSelectMenuOptionBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import type { GradeCandidate } from '../../app/tasks/grade-report.js';
import type { TaskActionResult } from '../../app/tasks/task-actions.js';
import { commandRef } from '../../command-names.js';
import type { TaskRole } from '../../domain/cycle/index.js';
import { reportRatingLabels, reportRatings, type ReportRating } from '../../domain/ranking/index.js';
import { taskIds } from '../custom-ids.js';
import { truncate } from './pager.js';

/** The fields of the task-action forms, as the handlers read them back. */
export const taskActionFields = { note: 'note', reason: 'reason', unit: 'unit', date: 'date', rating: 'rating', perfunctory: 'perfunctory' } as const;
const FIELDS = taskActionFields;

function textInput(id: string, style: TextInputStyle, required: boolean, max: number, placeholder: string): TextInputBuilder {
  return new TextInputBuilder().setCustomId(id).setStyle(style).setRequired(required).setMaxLength(max).setPlaceholder(placeholder);
}

function select(id: string, options: readonly { label: string; value: string; selected: boolean }[], required = true): StringSelectMenuBuilder {
  const menu = new StringSelectMenuBuilder().setCustomId(id).setRequired(required);
  if (!required) menu.setMinValues(0);
  return menu.addOptions(options.map((o) => new StringSelectMenuOptionBuilder().setLabel(truncate(o.label, 100)).setValue(o.value).setDefault(o.selected)));
}

const roleWord = (role: TaskRole) => (role === 'lead' ? '牵头' : '配合');

/** 办结: an optional note, which the units read. */
export function closeModal(seq: number, title: string): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(taskIds.encode('close-submit', seq))
    .setTitle(truncate(`办结 · 第 ${seq} 项`, 45))
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('办结说明(可选)')
        .setDescription(truncate(title, 100))
        .setTextInputComponent(textInput(FIELDS.note, TextInputStyle.Paragraph, false, 500, '会告知各责任单位')),
    );
}

/** 延期: the new date and an optional reason. */
export function extendModal(seq: number): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(taskIds.encode('extend-submit', seq))
    .setTitle(truncate(`延期 · 第 ${seq} 项`, 45))
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('新的截止日期')
        .setDescription('格式 YYYY-MM-DD,如 2026-04-30')
        .setTextInputComponent(textInput(FIELDS.date, TextInputStyle.Short, true, 10, '2026-04-30')),
      new LabelBuilder().setLabel('延期说明(可选)').setTextInputComponent(textInput(FIELDS.reason, TextInputStyle.Paragraph, false, 500, '会告知各责任单位')),
    );
}

/** 退回: the reason, and which unit's report (the only one, else the lead's, preselected). */
export function sendBackModal(seq: number, candidates: readonly { unitName: string; role: TaskRole; periodLabel: string }[]): ModalBuilder {
  const shown = candidates.slice(0, 25);
  const picked = shown.length === 1 ? shown[0] : shown.find((c) => c.role === 'lead');
  return new ModalBuilder()
    .setCustomId(taskIds.encode('send-back-submit', seq))
    .setTitle(truncate(`退回 · 第 ${seq} 项`, 45))
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('退回理由')
        .setDescription('联络员会看到这段话')
        .setTextInputComponent(textInput(FIELDS.reason, TextInputStyle.Paragraph, true, 500, '例如:未写明量化完成情况,请补充')),
      new LabelBuilder().setLabel('退回哪个单位的进展').setStringSelectMenuComponent(
        select(
          FIELDS.unit,
          shown.map((c) => ({ label: `${c.unitName}(${roleWord(c.role)} · ${c.periodLabel})`, value: c.unitName, selected: c === picked })),
          false,
        ),
      ),
    );
}

/** 评价: which unit's report, its grade (优/良/中/差 or none) and whether it was perfunctory, pre-filled with what is set. */
export function gradeModal(seq: number, candidates: readonly GradeCandidate[]): ModalBuilder {
  const shown = candidates.slice(0, 25);
  const picked = shown.length === 1 ? shown[0] : undefined;
  return new ModalBuilder()
    .setCustomId(taskIds.encode('grade-submit', seq))
    .setTitle(truncate(`评价进展 · 第 ${seq} 项`, 45))
    .addLabelComponents(
      new LabelBuilder().setLabel('评价哪个单位的进展').setStringSelectMenuComponent(
        select(
          FIELDS.unit,
          shown.map((c) => ({
            label: `${c.unitName}(${roleWord(c.role)} · ${c.periodLabel}${c.rating ? ` · 现为“${reportRatingLabels[c.rating]}”` : ''})`,
            value: c.unitName,
            selected: c === picked,
          })),
        ),
      ),
      new LabelBuilder()
        .setLabel('评价等级')
        .setDescription('按评分规则计入季度考核')
        .setStringSelectMenuComponent(
          select(FIELDS.rating, [
            ...reportRatings.map((r) => ({ label: reportRatingLabels[r], value: r, selected: picked?.rating === r })),
            { label: '不评等级', value: 'none', selected: picked !== undefined && picked.rating === null },
          ]),
        ),
      new LabelBuilder()
        .setLabel('是否敷衍应付')
        .setDescription('认定为敷衍应付的,按评分规则扣分')
        .setStringSelectMenuComponent(
          select(FIELDS.perfunctory, [
            { label: '否', value: 'no', selected: picked !== undefined && !picked.perfunctory },
            { label: '是,内容敷衍应付', value: 'yes', selected: picked?.perfunctory === true },
          ]),
        ),
    );
}

/** The coordinator's confirmation of 办结 / 退回 / 延期, saying which units were told and which could not be. */
export function describeTaskAction(result: TaskActionResult): string {
  const name = `第 ${result.task.seq} 项 ${result.task.label}${truncate(result.task.title, 40)}`;
  const told = [
    result.notified.length ? `已通知:${result.notified.join('、')}。` : '',
    result.unreachable.length ? `未能通知:${result.unreachable.join('、')}(尚未绑定联络员或接收频道,请用 ${commandRef('unit bind')} 绑定)。` : '',
  ].join('');
  if (result.action === 'close') return `已办结${name}。此后各报送周期不再要求报送该任务的进展。${told}`;
  if (result.action === 'extend') return `已将${name}的截止日期延至 ${result.newDueDate},相关提醒随之顺延。${told}`;
  return `已退回“${result.unitName}”在${name}上的进展,该单位需重新报送。${told}`;
}

/** '“优”', '不评等级,并认定为敷衍应付'. */
export function describeGrade(rating: ReportRating | null, perfunctory: boolean): string {
  return `${rating ? `“${reportRatingLabels[rating]}”` : '不评等级'}${perfunctory ? ',并认定为敷衍应付' : ''}`;
}

/** The coordinator's confirmation of a grade. */
export function describeGraded(graded: { unitName: string; periodLabel: string; task: string; rating: ReportRating | null; perfunctory: boolean }): string {
  return `✅ 已将“${graded.unitName}”在${graded.periodLabel}报送的${graded.task}的进展评为${describeGrade(graded.rating, graded.perfunctory)}。该评价按评分规则计入季度考核(${commandRef('ranking rules show')} 查看规则)。`;
}
