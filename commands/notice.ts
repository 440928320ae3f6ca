import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { commandRef, zhName } from '../src/command-names.js';
import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type ButtonInteraction, type StringSelectMenuInteraction } from 'discord.js';
import { requireCoordinator } from '../src/app/access.js';
import { importNotice } from '../src/app/notices/import-notice.js';
import { acceptAliases, discardImportDraft, loadImportDraft } from '../src/app/notices/notice-import-draft.js';
import { prepareNoticeImport, type PrepareImportInput } from '../src/app/notices/prepare-notice-import.js';
import { UserError } from '../src/errors.js';
import { MAX_NOTICE_FILE_BYTES, readNoticeFileOffThread } from '../src/files/index.js';
import { downloadAttachment } from '../src/discord/download-attachment.js';
import { renderImportResult, renderNoticePreview } from '../src/discord/render/notice-preview.js';
import { deferPrivately, noMentions, respondPrivately } from '../src/discord/respond.js';
import { customId, type CommandContext, type SlashCommand } from '../src/discord/slash-command.js';

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

const PASTE_FIELD = 'text';
const YEAR_FIELD = 'year';

function pasteModal(): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(customId('notice', 'paste'))
    .setTitle('粘贴工作要点')
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('工作要点全文')
        .setDescription('最多 4000 字;更长的请上传 .docx / .pdf / .txt 文件')
        .setTextInputComponent(
          new TextInputBuilder().setCustomId(PASTE_FIELD).setStyle(TextInputStyle.Paragraph).setMinLength(10).setMaxLength(4000).setRequired(true),
        ),
      new LabelBuilder()
        .setLabel('年度(可选)')
        .setDescription('标题中没有年份时填写,如 2026')
        .setTextInputComponent(new TextInputBuilder().setCustomId(YEAR_FIELD).setStyle(TextInputStyle.Short).setMaxLength(4).setRequired(false)),
    );
}

async function showPreview(
  interaction: Parameters<SlashCommand['execute']>[0] | Parameters<NonNullable<SlashCommand['component']>>[0],
  ctx: CommandContext,
  input: Omit<PrepareImportInput, 'workspaceId' | 'actorId'>,
) {
  const { draftId, draft } = await prepareNoticeImport(ctx.app, { ...input, workspaceId: ctx.workspace.id, actorId: interaction.user.id });
  await respondPrivately(interaction, renderNoticePreview(draftId, draft, 0));
}

async function loadOwnDraft(interaction: ButtonInteraction | StringSelectMenuInteraction, ctx: CommandContext, draftId: string) {
  const draft = await loadImportDraft(ctx.app, { draftId, workspaceId: ctx.workspace.id });
  if (!draft) throw new UserError('draft_expired', `这份导入预览已过期或已处理。请重新执行 ${commandRef('notice import')}。`);
  if (draft.ownerId !== interaction.user.id) throw new UserError('draft_not_yours', '这份预览由其他督办人发起,只有发起人可以确认或修改。');
  return draft;
}

export const noticeCommand: SlashCommand = {
  definition,
  async execute(interaction, ctx) {
    requireCoordinator(ctx.access);
    const file = interaction.options.getAttachment('file');
    const text = interaction.options.getString('text');
    const year = interaction.options.getInteger('year');
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
  async component(interaction, ctx, action, args) {
    requireCoordinator(ctx.access);
    if (action === 'paste' && interaction.isModalSubmit()) {
      const yearText = interaction.fields.getTextInputValue(YEAR_FIELD).trim();
      if (yearText && !/^\d{4}$/.test(yearText)) throw new UserError('invalid_year', `年度“${yearText}”不是四位数字年份,请填写如 2026。`);
      await deferPrivately(interaction);
      await showPreview(interaction, ctx, {
        text: interaction.fields.getTextInputValue(PASTE_FIELD),
        sourceKind: 'text',
        sourceName: null,
        year: yearText ? Number(yearText) : null,
      });
      return;
    }
    if (!interaction.isButton() && !interaction.isStringSelectMenu()) return;
    if (action === 'page' && interaction.isButton()) {
      const [page = '0', draftId = ''] = args;
      const draft = await loadOwnDraft(interaction, ctx, draftId);
      await interaction.update({ ...renderNoticePreview(draftId, draft.payload, Number(page)), allowedMentions: noMentions });
    } else if (action === 'alias' && interaction.isStringSelectMenu()) {
      const draftId = args[0] ?? '';
      const draft = await loadOwnDraft(interaction, ctx, draftId);
      const picks = interaction.values.map((value) => {
        const [alias = '', unit = ''] = value.split('=');
        return { alias, unit };
      });
      const payload = await acceptAliases(ctx.app, draftId, draft.payload, picks);
      await interaction.update({ ...renderNoticePreview(draftId, payload, 0), allowedMentions: noMentions });
    } else if (action === 'confirm' && interaction.isButton()) {
      const draftId = args[0] ?? '';
      await loadOwnDraft(interaction, ctx, draftId);
      await interaction.deferUpdate();
      const result = await importNotice(ctx.app, { workspaceId: ctx.workspace.id, actorId: interaction.user.id, draftId });
      await interaction.editReply({ ...renderImportResult(result), allowedMentions: noMentions });
    } else if (action === 'cancel' && interaction.isButton()) {
      const draftId = args[0] ?? '';
      await loadOwnDraft(interaction, ctx, draftId);
      await discardImportDraft(ctx.app, draftId);
      await interaction.update({ content: '已取消导入,没有保存任何内容。', embeds: [], components: [], allowedMentions: noMentions });
    }
  },
};
