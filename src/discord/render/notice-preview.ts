import { noticeIds } from '../custom-ids.js';
import { commandRef } from '../../command-names.js';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  LabelBuilder,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { draftRevision, type NoticeImportDraft } from '../../app/notices/notice-import-draft.js';
import { taskReference } from '../../app/notices/task-reference.js';
import type { ImportResult } from '../../app/notices/import-notice.js';
import type { SilentTaskWarnings } from '../../domain/cycle/index.js';
import type { CorrectedTask } from '../../domain/notice/index.js';
import { unitCategoryLabels } from '../../domain/units/index.js';
import { silentTaskWarningsEmbed } from './silent-task-warnings.js';
import { colors } from './colors.js';
import { correctionNoteLines } from './notice-corrections.js';
import { fitLines, paginate, pagerRow, truncate, withinEmbedBudget } from './pager.js';
import { QUEUE_DEFERRED_NOTE } from '../../app/queue-follow-up.js';

/** How the preview names the kind of file a notice was read from. */
const sourceKindLabels: Readonly<Record<NoticeImportDraft['sourceKind'], string>> = { text: '纯文本', docx: 'Word 文档', pdf: 'PDF 文件', html: '网页' };

const TASKS_PER_PAGE = 8;

/** The preview page that shows a task. */
export const previewPageOf = (index: number) => Math.floor(index / TASKS_PER_PAGE);

function listOrNone(items: readonly string[], max = 15): string {
  if (items.length === 0) return '无';
  const shown = items.slice(0, max).join('、');
  return truncate(items.length > max ? `${shown} 等 ${items.length} 个` : shown, 500);
}

/** The paste form's fields. */
export const pasteFields = { text: 'text', year: 'year' } as const;

/** /notice import with neither a file nor text: a form to paste a long text into. */
export function pasteModal(): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(noticeIds.encode('paste'))
    .setTitle('粘贴工作要点')
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('工作要点全文')
        .setDescription('最多 4000 字;更长的请上传 .docx / .pdf / .txt 文件')
        .setTextInputComponent(
          new TextInputBuilder().setCustomId(pasteFields.text).setStyle(TextInputStyle.Paragraph).setMinLength(10).setMaxLength(4000).setRequired(true),
        ),
      new LabelBuilder()
        .setLabel('年度(可选)')
        .setDescription('标题中没有年份时填写,如 2026')
        .setTextInputComponent(new TextInputBuilder().setCustomId(pasteFields.year).setStyle(TextInputStyle.Short).setMaxLength(4).setRequired(false)),
    );
}

const correctionMarks = { edited: '【已修改】', added: '【新增】' } as const;

function taskLine(task: CorrectedTask, index: number): string {
  const lead = task.leads.length > 1 ? task.leads.join('、') : (task.lead ?? '⚠️未明确');
  const support = task.supporting.length ? `;配合:${task.supporting.join('、')}` : '';
  const due = task.deadline ? `;时限:${task.deadline}${task.dueDate && task.dueDate !== task.deadline ? `(${task.dueDate})` : ''}` : '';
  const mark = task.correction ? correctionMarks[task.correction] : '';
  return truncate(`**${index + 1}. ${taskReference(task)}**${mark} ${truncate(task.title, 60)}\n  牵头:${lead}${support}${due}`, 480);
}

/** The preview's form fields: the edit form (编辑) and the add form (新增任务) share them. */
export const taskFormFields = { title: 'title', lead: 'lead', supporting: 'supporting', deadline: 'deadline', position: 'position' } as const;

function taskFormLabels(task: CorrectedTask | null, year: number): LabelBuilder[] {
  const input = (id: string, style: TextInputStyle, max: number, value: string, required: boolean) => {
    const field = new TextInputBuilder().setCustomId(id).setStyle(style).setMaxLength(max).setRequired(required);
    return value ? field.setValue(value) : field;
  };
  return [
    new LabelBuilder()
      .setLabel('任务标题')
      .setTextInputComponent(input(taskFormFields.title, TextInputStyle.Paragraph, 200, truncate(task?.title ?? '', 200), true)),
    new LabelBuilder()
      .setLabel('牵头单位')
      .setDescription('一个单位的全称;留空表示暂不指定')
      .setTextInputComponent(input(taskFormFields.lead, TextInputStyle.Short, 50, truncate(task?.lead ?? '', 50), false)),
    new LabelBuilder()
      .setLabel('配合单位')
      .setDescription('多个单位用顿号“、”分隔;不在单位名录中的名称会在确认导入时新建')
      .setTextInputComponent(input(taskFormFields.supporting, TextInputStyle.Paragraph, 1000, truncate(task?.supporting.join('、') ?? '', 1000), false)),
    new LabelBuilder()
      .setLabel('完成时限')
      .setDescription(`YYYY-MM-DD(如 ${year}-06-30)或 M月D日(如 6月30日);长期任务留空`)
      .setTextInputComponent(input(taskFormFields.deadline, TextInputStyle.Short, 100, truncate(task?.deadline ?? '', 100), false)),
  ];
}

/** 编辑: the task's fields filled in as the preview shows them. */
export function editTaskModal(draftId: string, draft: NoticeImportDraft, index: number, task: CorrectedTask): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(noticeIds.encode('edit-submit', draftId, draftRevision(draft), index))
    .setTitle(truncate(`编辑任务 ${taskReference(task)}`, 45))
    .addLabelComponents(...taskFormLabels(task, draft.year));
}

/** 新增任务: where it goes (section and number), then the same fields as 编辑. */
export function addTaskModal(draftId: string, draft: NoticeImportDraft): ModalBuilder {
  const sections = draft.parsed.sections.map((s) => s.no);
  const position = new LabelBuilder()
    .setLabel(sections.length ? '所属部分和编号' : '任务编号')
    .setDescription(sections.length ? `如 ${sections[0]}-3 或 三（七）:第一个数是部分编号(本要点有 ${sections.length} 个部分)` : '如 7')
    .setTextInputComponent(new TextInputBuilder().setCustomId(taskFormFields.position).setStyle(TextInputStyle.Short).setMaxLength(20).setRequired(true));
  return new ModalBuilder()
    .setCustomId(noticeIds.encode('add-submit', draftId, draftRevision(draft)))
    .setTitle('新增任务')
    .addLabelComponents(position, ...taskFormLabels(null, draft.year));
}

function taskMenus(draftId: string, draft: NoticeImportDraft, indexes: readonly number[]): ActionRowBuilder<StringSelectMenuBuilder>[] {
  const options = indexes.flatMap((i) => {
    const task = draft.parsed.tasks[i];
    return task
      ? [
          {
            label: truncate(`${i + 1}. ${taskReference(task)} ${task.title}`, 100),
            value: String(i),
            description: truncate(`牵头:${task.lead ?? '未明确'}`, 100),
          },
        ]
      : [];
  });
  if (options.length === 0) return [];
  const revision = draftRevision(draft);
  return [
    new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
      new StringSelectMenuBuilder()
        .setCustomId(noticeIds.encode('edit', draftId, revision))
        .setPlaceholder('编辑任务(标题、牵头单位、配合单位、完成时限)…')
        .addOptions(options),
    ),
    new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
      new StringSelectMenuBuilder()
        .setCustomId(noticeIds.encode('drop', draftId, revision))
        .setPlaceholder('删除不是任务的条目(可多选)…')
        .setMinValues(1)
        .setMaxValues(options.length)
        .addOptions(options),
    ),
  ];
}

/**
 * The import preview: summary, one page of tasks with the coordinator's corrections marked, what would
 * keep reminders from going out, and the controls to correct, confirm or cancel. Every control carries
 * the draft's revision, so a preview message that is no longer the latest acts on nothing.
 */
export function renderNoticePreview(draftId: string, draft: NoticeImportDraft, page: number, warnings: SilentTaskWarnings | null = null) {
  const { parsed } = draft;
  const revision = draftRevision(draft);
  const newUnits = draft.units.filter((u) => u.kind === 'new_unit');
  const newCollectives = draft.units.filter((u) => u.kind === 'new_collective').map((u) => u.name);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error').length;
  const warningCount = parsed.diagnostics.length - errors;

  const summary = new EmbedBuilder()
    .setColor(errors ? colors.warning : colors.primary)
    .setTitle(truncate(`导入预览:${parsed.title ?? '(未识别标题)'}`, 256))
    .setDescription(
      [
        `年度:**${draft.year}**${draft.diff ? `(修订:第 ${draft.diff.previousVersion} 版 → 第 ${draft.diff.previousVersion + 1} 版)` : ''}`,
        `来源:${draft.sourceName ?? '粘贴文本'}(${sourceKindLabels[draft.sourceKind]})`,
        `共 **${parsed.sections.length}** 个部分、**${parsed.tasks.length}** 项任务;提示 ${errors} 个错误、${warningCount} 个警告。`,
        '请核对任务和责任单位:可用下方菜单编辑或删除条目,用“新增任务”补上漏识别的任务;无误后点击“确认导入”。此预览 2 小时内有效,确认前不会保存任何内容。',
        revision > 0 ? `已修改 ${revision} 次;将导入的正是下方显示的清单。` : '',
      ]
        .filter(Boolean)
        .join('\n'),
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
  if (draft.dropped?.length) {
    summary.addFields({
      name: `已删除的条目(${draft.dropped.length})`,
      value: listOrNone(
        draft.dropped.map((d) => truncate(d, 40)),
        10,
      ),
    });
  }
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
          ...correctionNoteLines(d.corrections),
          '已有进展的未变任务会保留其进展。',
        ].join('\n'),
        1024,
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
  const silent = warnings && silentTaskWarningsEmbed(warnings, 'preview');
  if (silent) embeds.push(silent);
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
  const pager = pagerRow(tasks, (target) => noticeIds.encode('page', target, draftId, revision));
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
          .setCustomId(noticeIds.encode('alias', draftId, revision))
          .setPlaceholder('选择要作为已有单位别名的名称(可多选)')
          .setMinValues(0)
          .setMaxValues(aliasOptions.length)
          .addOptions(aliasOptions),
      ),
    );
  }
  const first = tasks.page * TASKS_PER_PAGE;
  components.push(
    ...taskMenus(
      draftId,
      draft,
      tasks.items.map((_, i) => first + i),
    ),
  );
  components.push(
    new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder()
        .setCustomId(noticeIds.encode('confirm', draftId, revision))
        .setLabel('确认导入')
        .setStyle(ButtonStyle.Success),
      new ButtonBuilder()
        .setCustomId(noticeIds.encode('add', draftId, revision))
        .setLabel('新增任务')
        .setStyle(ButtonStyle.Primary),
      new ButtonBuilder().setCustomId(noticeIds.encode('cancel', draftId)).setLabel('取消').setStyle(ButtonStyle.Secondary),
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
    ...correctionNoteLines(result.diff?.corrections),
    result.leaderlessTasks
      ? `⚠️ 有 ${result.leaderlessTasks} 项任务未指定牵头单位,在指定之前不会提醒任何单位:请用 ${commandRef('task edit')} 指定(${commandRef('tasks')} 中标为“未指定牵头单位”)。`
      : '',
    result.remindersDeferred ? QUEUE_DEFERRED_NOTE : '',
    `下一步:用 ${commandRef('unit bind')} 绑定各单位联络员,用 ${commandRef('tasks')} 查看任务。`,
  ].filter(Boolean);
  return { embeds: [new EmbedBuilder().setColor(colors.success).setTitle('导入完成').setDescription(fitLines(lines))], components: [] };
}
