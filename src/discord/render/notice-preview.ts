import { noticeIds } from '../custom-ids.js';
import { commandRef } from '../../command-names.js';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, StringSelectMenuBuilder } from 'discord.js';
import type { NoticeImportDraft } from '../../app/notices/notice-import-draft.js';
import { taskReference } from '../../app/notices/task-reference.js';
import type { ImportResult } from '../../app/notices/import-notice.js';
import { unitCategoryLabels } from '../../domain/units/index.js';
import { customId } from '../slash-command.js';
import { colors } from './colors.js';
import { fitLines, paginate, pagerRow, truncate, withinEmbedBudget } from './pager.js';
import { QUEUE_DEFERRED_NOTE } from '../../app/queue-follow-up.js';

/** How the preview names the kind of file a notice was read from. */
const sourceKindLabels: Readonly<Record<NoticeImportDraft['sourceKind'], string>> = { text: '纯文本', docx: 'Word 文档', pdf: 'PDF 文件', html: '网页' };

const TASKS_PER_PAGE = 8;

function listOrNone(items: readonly string[], max = 15): string {
  if (items.length === 0) return '无';
  const shown = items.slice(0, max).join('、');
  return truncate(items.length > max ? `${shown} 等 ${items.length} 个` : shown, 500);
}

function taskLine(task: NoticeImportDraft['parsed']['tasks'][number], index: number): string {
  const lead = task.leads.length > 1 ? task.leads.join('、') : (task.lead ?? '⚠️未明确');
  const support = task.supporting.length ? `;配合:${task.supporting.join('、')}` : '';
  const due = task.deadline ? `;时限:${task.deadline}${task.dueDate ? `(${task.dueDate})` : ''}` : '';
  return truncate(`**${index + 1}. ${taskReference(task)}** ${truncate(task.title, 60)}\n  牵头:${lead}${support}${due}`, 480);
}

/** The import preview: summary, one page of tasks, warnings, and the buttons to confirm or cancel. */
export function renderNoticePreview(draftId: string, draft: NoticeImportDraft, page: number) {
  const { parsed } = draft;
  const newUnits = draft.units.filter((u) => u.kind === 'new_unit');
  const newCollectives = draft.units.filter((u) => u.kind === 'new_collective').map((u) => u.name);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = parsed.diagnostics.length - errors;

  const summary = new EmbedBuilder()
    .setColor(errors ? colors.warning : colors.primary)
    .setTitle(truncate(`导入预览:${parsed.title ?? '(未识别标题)'}`, 256))
    .setDescription(
      [
        `年度:**${draft.year}**${draft.diff ? `(修订:第 ${draft.diff.previousVersion} 版 → 第 ${draft.diff.previousVersion + 1} 版)` : ''}`,
        `来源:${draft.sourceName ?? '粘贴文本'}(${sourceKindLabels[draft.sourceKind]})`,
        `共 **${parsed.sections.length}** 个部分、**${parsed.tasks.length}** 项任务;提示 ${errors} 个错误、${warnings} 个警告。`,
        '请核对任务和责任单位,无误后点击“确认导入”。此预览 2 小时内有效,确认前不会保存任何内容。',
      ].join('\n'),
    )
    .addFields(
      {
        name: `将新建的单位(${newUnits.length})`,
        value: listOrNone(
          newUnits.map(
            (u) => `${u.name}[${unitCategoryLabels[u.category]}]${draft.acceptedAliases[u.name] ? `→作为“${draft.acceptedAliases[u.name]}”的别名` : ''}`,
          ),
        ),
      },
      {
        name: `将新建的统称(${newCollectives.length})`,
        value: `${listOrNone(newCollectives)}${newCollectives.length ? `\n导入后请用 ${commandRef('unit collective')} 指定其成员单位。` : ''}`,
      },
    );
  const suggestions = newUnits.filter((u) => u.suggestions.length > 0);
  if (suggestions.length) {
    summary.addFields({ name: '别名建议', value: truncate(suggestions.map((u) => `${u.name} 可能是 ${u.suggestions.join(' / ')}`).join('\n'), 500) });
  }
  if (draft.diff) {
    const d = draft.diff;
    summary.addFields({
      name: '与上一版相比',
      value: truncate(
        [
          `未变 ${d.unchanged} 项;新增 ${d.added.length} 项;删除 ${d.removed.length} 项;改写 ${d.reworded.length} 项;责任单位变化 ${d.unitsChanged.length} 项。`,
          ...d.added.slice(0, 3).map((t) => `➕ ${t}`),
          ...d.removed.slice(0, 3).map((t) => `➖ ${t}`),
          ...d.unitsChanged.slice(0, 3).map((t) => `🔁 ${t}`),
          '已有进展的未变任务会保留其进展。',
        ].join('\n'),
        500,
      ),
    });
  }

  const tasks = paginate(
    parsed.tasks.map((t, i) => taskLine(t, i)),
    page,
    TASKS_PER_PAGE,
  );
  const taskEmbed = new EmbedBuilder()
    .setColor(colors.neutral)
    .setTitle(`任务清单(第 ${tasks.page + 1}/${tasks.pageCount} 页)`)
    .setDescription(fitLines(tasks.items, 2200));

  const embeds = [summary, taskEmbed];
  if (parsed.diagnostics.length) {
    embeds.push(
      new EmbedBuilder()
        .setColor(errors ? colors.danger : colors.warning)
        .setTitle(`需要核对的地方(${parsed.diagnostics.length})`)
        .setDescription(
          fitLines(
            parsed.diagnostics.slice(0, 20).map((d) => `${d.severity === 'error' ? '❗' : '⚠️'} 第 ${d.line} 行:${truncate(d.message, 120)}`),
            1000,
          ),
        ),
    );
  }

  const components: ActionRowBuilder<ButtonBuilder | StringSelectMenuBuilder>[] = [];
  const pager = pagerRow(tasks, (target) => noticeIds.encode('page', target, draftId));
  if (pager) components.push(pager);
  const aliasOptions = suggestions
    .flatMap((u) =>
      u.suggestions.map((s) => ({
        label: truncate(`${u.name} = ${s}`, 100),
        value: truncate(`${u.name}=${s}`, 100),
        default: draft.acceptedAliases[u.name] === s,
      })),
    )
    .slice(0, 25);
  if (aliasOptions.length) {
    components.push(
      new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
        new StringSelectMenuBuilder()
          .setCustomId(customId('notice', 'alias', draftId))
          .setPlaceholder('选择要作为已有单位别名的名称(可多选)')
          .setMinValues(0)
          .setMaxValues(aliasOptions.length)
          .addOptions(aliasOptions),
      ),
    );
  }
  components.push(
    new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder()
        .setCustomId(customId('notice', 'confirm', draftId))
        .setLabel('确认导入')
        .setStyle(ButtonStyle.Success),
      new ButtonBuilder()
        .setCustomId(customId('notice', 'cancel', draftId))
        .setLabel('取消')
        .setStyle(ButtonStyle.Secondary),
    ),
  );
  return { embeds: withinEmbedBudget(embeds), components };
}

export function renderImportResult(result: ImportResult) {
  const lines = [
    `已导入 ${result.year} 年工作要点(第 ${result.version} 版):${result.sectionCount} 个部分、${result.taskCount} 项任务。`,
    result.createdUnits.length ? `新建单位 ${result.createdUnits.length} 个:${listOrNone(result.createdUnits, 30)}` : '',
    result.aliasesAdded.length ? `新增别名:${result.aliasesAdded.map((a) => `${a.alias}→${a.unit}`).join('、')}` : '',
    result.createdCollectives.length ? `新建统称:${listOrNone(result.createdCollectives)}(请用 ${commandRef('unit collective')} 指定成员单位)` : '',
    result.diff
      ? `与上一版相比:新增 ${result.diff.added.length} 项、删除 ${result.diff.removed.length} 项、改写 ${result.diff.reworded.length} 项、责任单位变化 ${result.diff.unitsChanged.length} 项;未变任务的进展已保留。`
      : '',
    result.remindersDeferred ? QUEUE_DEFERRED_NOTE : '',
    `下一步:用 ${commandRef('unit bind')} 绑定各单位联络员,用 ${commandRef('tasks')} 查看任务。`,
  ].filter(Boolean);
  return { embeds: [new EmbedBuilder().setColor(colors.success).setTitle('导入完成').setDescription(fitLines(lines))], components: [] };
}
