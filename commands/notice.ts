import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { ButtonInteraction, ChatInputCommandInteraction, ModalSubmitInteraction, StringSelectMenuInteraction } from 'discord.js';
import { requireCoordinator } from '../src/app/access.js';
import { findDraftTaskWarnings } from '../src/app/cycle/silent-task-warnings.js';
import {
  acceptDraftAliases,
  addDraftTask,
  discardImportDraft,
  dropDraftTasks,
  editDraftTask,
  loadShownDraft,
  type TaskFormInput,
} from '../src/app/notices/correct-import-draft.js';
import { importNotice } from '../src/app/notices/import-notice.js';
import type { NoticeImportDraft } from '../src/app/notices/notice-import-draft.js';
import { prepareNoticeImport, type PrepareImportInput } from '../src/app/notices/prepare-notice-import.js';
import { zhName } from '../src/command-names.js';
import { defineCommand, onButton, onModal, onSelect, outdatedComponent } from '../src/discord/command-kit.js';
import { noticeIds } from '../src/discord/custom-ids.js';
import { UserError } from '../src/errors.js';
import { MAX_NOTICE_FILE_BYTES, readNoticeFileOffThread } from '../src/files/index.js';
import { downloadAttachment } from '../src/discord/download-attachment.js';
import {
  addTaskModal,
  editTaskModal,
  pasteModal,
  previewPageOf,
  pasteFields,
  renderImportResult,
  renderNoticePreview,
  taskFormFields,
} from '../src/discord/render/notice-preview.js';
import { deferPrivately, noMentions, respondPrivately } from '../src/discord/respond.js';
import type { CommandContext } from '../src/discord/slash-command.js';

export const definition = {
  name: 'notice',
  name_localizations: zhName('notice'),
  description: 'Work-points notices',
  description_localizations: { 'zh-CN': '工作要点' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'import',
      name_localizations: { 'zh-CN': '导入' },
      description: 'Import a notice from a file or pasted text; shows a preview first',
      description_localizations: { 'zh-CN': '从文件或粘贴的文本导入工作要点,先预览再确认' },
      options: [
        {
          type: ApplicationCommandOptionType.Attachment,
          name: 'file',
          name_localizations: { 'zh-CN': '文件' },
          description: '.docx, .pdf (with text), .txt (UTF-8 or GB18030) or .html',
          description_localizations: { 'zh-CN': '.docx、.pdf(含文字层)、.txt(UTF-8 或 GB18030)或网页 .html' },
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'text',
          name_localizations: { 'zh-CN': '文本' },
          description: 'Pasted text (leave file and text empty to paste a long text in a form)',
          description_localizations: { 'zh-CN': '粘贴的文本(文件和文本都不填时,会弹出输入框粘贴长文本)' },
          max_length: 6000,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'year',
          name_localizations: { 'zh-CN': '年度' },
          description: 'Year, when the title does not say',
          description_localizations: { 'zh-CN': '年度(标题中没有年份时填写)' },
          min_value: 2000,
          max_value: 2100,
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The preview of a draft with what would keep its reminders from going out. */
async function previewOf(ctx: CommandContext, draftId: string, draft: NoticeImportDraft, page = 0) {
  const warnings = await findDraftTaskWarnings(ctx.app.store, ctx.workspace.id, draft.parsed.tasks);
  return renderNoticePreview(draftId, draft, page, warnings);
}

async function showPreview(
  interaction: ChatInputCommandInteraction | ModalSubmitInteraction,
  ctx: CommandContext,
  input: Omit<PrepareImportInput, 'workspaceId' | 'actorId'>,
) {
  const { draftId, draft } = await prepareNoticeImport(ctx.app, { ...input, workspaceId: ctx.workspace.id, actorId: interaction.user.id });
  await respondPrivately(interaction, await previewOf(ctx, draftId, draft));
}

type PreviewInteraction = ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

/** Who acts on which draft at which revision: only its coordinator, only the latest preview. */
function draftRef(interaction: PreviewInteraction, ctx: CommandContext, draftId: string, revision: number) {
  requireCoordinator(ctx.access);
  return { workspaceId: ctx.workspace.id, actorId: interaction.user.id, draftId, revision };
}

const loadShown = (interaction: PreviewInteraction, ctx: CommandContext, draftId: string, revision: number) =>
  loadShownDraft(ctx.app.store, draftRef(interaction, ctx, draftId, revision), ctx.app.clock.now());

function taskForm(interaction: ModalSubmitInteraction): TaskFormInput {
  const field = (id: string) => (interaction.fields.fields.has(id) ? interaction.fields.getTextInputValue(id) : '');
  return {
    title: field(taskFormFields.title),
    lead: field(taskFormFields.lead),
    supporting: field(taskFormFields.supporting),
    deadline: field(taskFormFields.deadline),
  };
}

/** A corrected draft replaces the preview it was made from. */
async function updatePreview(interaction: PreviewInteraction, ctx: CommandContext, draftId: string, draft: NoticeImportDraft, page = 0) {
  const preview = { ...(await previewOf(ctx, draftId, draft, page)), allowedMentions: noMentions };
  if (interaction.isModalSubmit()) {
    if (!interaction.isFromMessage()) throw outdatedComponent();
    await interaction.update(preview);
  } else await interaction.update(preview);
}

const selectedIndexes = (interaction: StringSelectMenuInteraction) => interaction.values.map(Number).filter((n) => Number.isInteger(n) && n >= 0);

export const noticeCommand = defineCommand({
  definition,
  run: {
    async import(interaction, ctx, { file, text, year }) {
      requireCoordinator(ctx.access);
      if (file && text) throw new UserError('file_and_text', '请只提供文件或文本中的一种。');
      if (!file && !text) {
        await interaction.showModal(pasteModal());
        return;
      }
      await deferPrivately(interaction);
      if (file) {
        const bytes = await downloadAttachment(file, MAX_NOTICE_FILE_BYTES);
        const read = await readNoticeFileOffThread(bytes, file.name);
        await showPreview(interaction, ctx, { text: read.text, sourceKind: read.kind, sourceName: file.name, year });
      } else {
        await showPreview(interaction, ctx, { text: text ?? '', sourceKind: 'text', sourceName: null, year });
      }
    },
  },
  components: {
    codec: noticeIds,
    handlers: {
      paste: onModal(async (interaction, ctx) => {
        requireCoordinator(ctx.access);
        const yearText = interaction.fields.getTextInputValue(pasteFields.year).trim();
        if (yearText && !/^\d{4}$/.test(yearText)) throw new UserError('invalid_year', `年度“${yearText}”不是四位数字年份,请填写如 2026。`);
        await deferPrivately(interaction);
        await showPreview(interaction, ctx, {
          text: interaction.fields.getTextInputValue(pasteFields.text),
          sourceKind: 'text',
          sourceName: null,
          year: yearText ? Number(yearText) : null,
        });
      }),
      page: onButton(async (interaction, ctx, [page, draftId, revision]) => {
        const draft = await loadShown(interaction, ctx, draftId, revision);
        await updatePreview(interaction, ctx, draftId, draft, page);
      }),
      alias: onSelect(async (interaction, ctx, [draftId, revision]) => {
        const picks = interaction.values.map((value) => {
          const [alias = '', unit = ''] = value.split('=');
          return { alias, unit };
        });
        const draft = await acceptDraftAliases(ctx.app, { ...draftRef(interaction, ctx, draftId, revision), picks });
        await updatePreview(interaction, ctx, draftId, draft);
      }),
      edit: onSelect(async (interaction, ctx, [draftId, revision]) => {
        const draft = await loadShown(interaction, ctx, draftId, revision);
        const index = selectedIndexes(interaction)[0];
        const task = index === undefined ? undefined : draft.parsed.tasks[index];
        if (index === undefined || !task) throw outdatedComponent();
        await interaction.showModal(editTaskModal(draftId, draft, index, task));
      }),
      'edit-submit': onModal(async (interaction, ctx, [draftId, revision, index]) => {
        const draft = await editDraftTask(ctx.app, { ...draftRef(interaction, ctx, draftId, revision), index, form: taskForm(interaction) });
        await updatePreview(interaction, ctx, draftId, draft, previewPageOf(index));
      }),
      drop: onSelect(async (interaction, ctx, [draftId, revision]) => {
        const draft = await dropDraftTasks(ctx.app, { ...draftRef(interaction, ctx, draftId, revision), indexes: selectedIndexes(interaction) });
        await updatePreview(interaction, ctx, draftId, draft);
      }),
      add: onButton(async (interaction, ctx, [draftId, revision]) => {
        const draft = await loadShown(interaction, ctx, draftId, revision);
        await interaction.showModal(addTaskModal(draftId, draft));
      }),
      'add-submit': onModal(async (interaction, ctx, [draftId, revision]) => {
        const position = interaction.fields.fields.has(taskFormFields.position) ? interaction.fields.getTextInputValue(taskFormFields.position) : '';
        const draft = await addDraftTask(ctx.app, { ...draftRef(interaction, ctx, draftId, revision), position, form: taskForm(interaction) });
        await updatePreview(interaction, ctx, draftId, draft);
      }),
      confirm: onButton(async (interaction, ctx, [draftId, revision]) => {
        // Checked before the preview is replaced by the answer; the import checks the revision again under its lock.
        await loadShown(interaction, ctx, draftId, revision);
        await interaction.deferUpdate();
        const result = await importNotice(ctx.app, draftRef(interaction, ctx, draftId, revision));
        await interaction.editReply({ ...renderImportResult(result), allowedMentions: noMentions });
      }),
      cancel: onButton(async (interaction, ctx, [draftId]) => {
        requireCoordinator(ctx.access);
        await discardImportDraft(ctx.app, { workspaceId: ctx.workspace.id, actorId: interaction.user.id, draftId });
        await interaction.update({ content: '已取消导入,没有保存任何内容。', embeds: [], components: [], allowedMentions: noMentions });
      }),
    },
  },
});
