import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, MessageFlags, type Attachment, type ModalSubmitInteraction } from 'discord.js';
import { z } from 'zod';
import { cancelProgressReply, confirmProgressReply, loadOwnReplyDraft } from '../src/app/progress/progress-reply.js';
import { recordProgress, type EvidenceInput } from '../src/app/progress/record-progress.js';
import { requireLiaisonOf, resolveReportTarget } from '../src/app/progress/report-target.js';
import { requirePeriod } from '../src/app/periods/reporting-periods.js';
import { listWaitingTasks } from '../src/app/reminders/waiting-tasks.js';
import { currentYear, listTaskSummaries } from '../src/app/tasks/task-queries.js';
import { readPercentField, type ProgressStatus } from '../src/domain/progress/index.js';
import { UserError } from '../src/errors.js';
import { checkEvidenceFile } from '../src/files/index.js';
import { downloadAttachment } from '../src/discord/download-attachment.js';
import { explainFailure } from '../src/discord/error-message.js';
import { buildProgressModal, PROGRESS_FIELDS } from '../src/discord/render/progress-modal.js';
import { renderNotSaved, renderSavedMessage } from '../src/discord/render/progress-result.js';
import { truncate } from '../src/discord/render/pager.js';
import { deferPrivately, noMentions, respondPrivately } from '../src/discord/respond.js';
import { customId, type CommandContext, type SlashCommand } from '../src/discord/slash-command.js';
import { taskNumberSchema } from '../src/discord/task-number-input.js';

export const definition = {
  name: 'progress',
  description: "Report progress on one of your unit's tasks",
  description_localizations: { 'zh-CN': '填报本单位某项任务的进展' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'task',
      name_localizations: { 'zh-CN': '任务' },
      description: 'Task number (pick from the list)',
      description_localizations: { 'zh-CN': '任务编号(从联想列表中选择)' },
      required: true,
      autocomplete: true,
      max_length: 100,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Evidence files larger than this are refused before downloading. */
const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
const idSchema = z.coerce.number().int().positive();

function parseIds(args: string[], count: number): number[] {
  const ids = args.slice(0, count).map((a) => idSchema.safeParse(a));
  if (ids.length !== count || ids.some((r) => !r.success)) throw new UserError('bad_custom_id', '这个按钮已失效,请重新打开提醒或使用 /progress。');
  return ids.map((r) => (r.success ? r.data : 0));
}

async function openModalFor(interaction: Parameters<NonNullable<SlashCommand['component']>>[0], ctx: CommandContext, taskId: number, unitId: number, periodId: number) {
  if (!interaction.isButton()) return;
  requireLiaisonOf(ctx.access, unitId);
  const period = await requirePeriod(ctx.app.db, ctx.workspace.id, periodId);
  if (period.closed_at !== null) throw new UserError('period_closed', `“${period.label}”报送周期已由督办人关闭,进展不能再修改;如需更正,请联系督办人。`);
  const task = await ctx.app.db.selectFrom('tasks').select(['id', 'seq', 'label', 'title']).where('id', '=', taskId).where('workspace_id', '=', ctx.workspace.id).executeTakeFirst();
  if (!task) throw new UserError('unknown_task', '该任务已不在现行工作要点中。');
  const existing = await ctx.app.db
    .selectFrom('progress_reports')
    .select(['status', 'body', 'percent'])
    .where('task_id', '=', taskId)
    .where('unit_id', '=', unitId)
    .where('period_id', '=', periodId)
    .where('sent_back_at', 'is', null)
    .executeTakeFirst();
  await interaction.showModal(buildProgressModal({ task, unitId, periodId, periodLabel: period.label, existing: existing ?? null }));
}

/** 填报进展 on a reminder: the one task's modal, or a button per task when the unit owes several. */
async function startFromReminder(interaction: Parameters<NonNullable<SlashCommand['component']>>[0], ctx: CommandContext, deliveryId: number) {
  const delivery = await ctx.app.db
    .selectFrom('reminder_deliveries')
    .innerJoin('reporting_periods', 'reporting_periods.id', 'reminder_deliveries.period_id')
    .select(['reminder_deliveries.unit_id', 'reminder_deliveries.period_id', 'reporting_periods.year', 'reporting_periods.label'])
    .where('reminder_deliveries.id', '=', deliveryId)
    .where('reminder_deliveries.workspace_id', '=', ctx.workspace.id)
    .executeTakeFirst();
  if (!delivery) throw new UserError('unknown_reminder', '这条提醒已失效,请使用 /progress 填报。');
  const unit = requireLiaisonOf(ctx.access, delivery.unit_id);
  const owed = (await listWaitingTasks(ctx.app.db, { workspaceId: ctx.workspace.id, year: delivery.year, periodId: delivery.period_id, unitIds: [unit.id] })).get(unit.id) ?? [];
  const only = owed[0];
  if (owed.length === 1 && only) return openModalFor(interaction, ctx, only.taskId, unit.id, delivery.period_id);
  if (owed.length === 0) {
    await respondPrivately(interaction, `“${unit.name}”已报送${delivery.label}的全部任务。如需修改,请使用 /progress 选择任务。`);
    return;
  }
  const buttons = owed.slice(0, 25).map((t) =>
    new ButtonBuilder().setCustomId(customId('progress', 'task', t.taskId, unit.id, delivery.period_id)).setLabel(truncate(`${t.label} 第${t.seq}项`, 80)).setStyle(ButtonStyle.Primary),
  );
  const rows = [];
  for (let i = 0; i < buttons.length; i += 5) rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(i, i + 5)));
  const more = owed.length > 25 ? `\n(另有 ${owed.length - 25} 项请用 /progress 填报)` : '';
  await respondPrivately(interaction, {
    content: `“${unit.name}”${delivery.label}尚有 ${owed.length} 项任务待报送,请逐项点击填写:\n${owed.slice(0, 25).map((t) => `${t.label} ${truncate(t.title, 60)}(第 ${t.seq} 项)`).join('\n')}${more}`,
    components: rows,
  });
}

/** Evidence is stored for good: a file that is empty, a program, or not what it claims is refused before anything is saved. */
function checkedEvidence(file: EvidenceInput): EvidenceInput {
  checkEvidenceFile(file);
  return file;
}

async function downloadEvidence(files: readonly Attachment[]): Promise<EvidenceInput[]> {
  const evidence: EvidenceInput[] = [];
  for (const file of files) evidence.push(checkedEvidence({ filename: file.name, contentType: file.contentType, bytes: await downloadAttachment(file, MAX_EVIDENCE_BYTES) }));
  return evidence;
}

/**
 * Stores the modal's report. The reply that thanks the liaison is sent only after the transaction
 * committed; if storing fails, the liaison is told why and gets their text back.
 */
async function submitModal(interaction: ModalSubmitInteraction, ctx: CommandContext, taskId: number, unitId: number, periodId: number) {
  requireLiaisonOf(ctx.access, unitId);
  const text = interaction.fields.getTextInputValue(PROGRESS_FIELDS.text);
  await deferPrivately(interaction);
  try {
    const status = interaction.fields.getStringSelectValues(PROGRESS_FIELDS.status)[0];
    if (!status) throw new UserError('status_required', '请选择状态(未启动、推进中、已完成或受阻)。');
    const files = interaction.fields.getUploadedFiles(PROGRESS_FIELDS.evidence, false);
    const evidence = files ? await downloadEvidence([...files.values()]) : [];
    const percent = readPercentField(interaction.fields.getTextInputValue(PROGRESS_FIELDS.percent));
    const recorded = await recordProgress(ctx.app, {
      workspaceId: ctx.workspace.id,
      unitId,
      taskId,
      periodId,
      actorId: interaction.user.id,
      source: 'modal',
      // Both are checked by progressSubmissionSchema, whose messages say what is wrong with them.
      submission: { status: status as ProgressStatus, text, ...(percent !== undefined ? { percent: percent as number } : {}) },
      evidence,
    });
    await respondPrivately(interaction, renderSavedMessage([recorded], recorded.unitName, recorded.periodLabel));
  } catch (error) {
    throw notSaved(ctx, interaction.user.id, error, text);
  }
}

/** Any failure to store becomes a private message that carries the liaison's text back. */
function notSaved(ctx: CommandContext, userId: string, error: unknown, text: string): UserError {
  const { message } = explainFailure(error, ctx.app.logger.child({ user: userId, command: 'progress' }));
  return new UserError(error instanceof UserError ? error.code : 'progress_not_saved', renderNotSaved(message, text));
}

async function confirmReply(interaction: Parameters<NonNullable<SlashCommand['component']>>[0], ctx: CommandContext, draftId: string) {
  if (!interaction.isButton()) return;
  const loaded = await loadOwnReplyDraft(ctx.app, { draftId, userId: interaction.user.id });
  requireLiaisonOf(ctx.access, loaded.payload.unitId);
  await interaction.deferUpdate();
  const evidence: EvidenceInput[] = [];
  try {
    for (const file of loaded.payload.attachments) {
      const bytes = await downloadAttachment({ name: file.filename, url: file.url, size: file.size }, MAX_EVIDENCE_BYTES);
      evidence.push(checkedEvidence({ filename: file.filename, contentType: file.contentType, bytes }));
    }
    const { draft, recorded } = await confirmProgressReply(ctx.app, { draftId, userId: interaction.user.id, evidence });
    await interaction.editReply({ content: renderSavedMessage(recorded, draft.unitName, draft.periodLabel), embeds: [], components: [], allowedMentions: noMentions });
  } catch (error) {
    const failure = notSaved(ctx, interaction.user.id, error, loaded.payload.originalText);
    await interaction.followUp({ content: failure.message, allowedMentions: noMentions, flags: MessageFlags.Ephemeral }).catch(() => undefined);
  }
}

export const progressCommand: SlashCommand = {
  definition,
  async execute(interaction, ctx) {
    const parsed = taskNumberSchema.safeParse(interaction.options.getString('task', true));
    if (!parsed.success) throw new UserError('invalid_task_number', parsed.error.issues[0]?.message ?? '任务编号不正确。');
    const target = await resolveReportTarget(ctx.app.db, ctx.workspace, ctx.access, parsed.data, ctx.app.clock.now());
    await interaction.showModal(buildProgressModal({ task: target.task, unitId: target.unit.id, periodId: target.period.id, periodLabel: target.period.label, existing: target.existing }));
  },
  async autocomplete(interaction, ctx) {
    const year = await currentYear(ctx.app.db, ctx.workspace.id);
    if (year === null || ctx.access.units.length === 0) return interaction.respond([]);
    const typed = interaction.options.getFocused().trim();
    const tasks = await listTaskSummaries(ctx.app.db, ctx.workspace.id, year, { unitIds: ctx.access.units.map((u) => u.id), status: 'open' });
    await interaction.respond(
      tasks
        .filter((t) => !typed || String(t.seq).startsWith(typed) || t.title.includes(typed) || t.label.includes(typed))
        .slice(0, 25)
        .map((t) => ({ name: truncate(`${t.seq}. ${t.label}${t.title}`, 100), value: String(t.seq) })),
    );
  },
  async component(interaction, ctx, action, args) {
    if (action === 'start' && interaction.isButton()) {
      const [deliveryId = 0] = parseIds(args, 1);
      await startFromReminder(interaction, ctx, deliveryId);
    } else if (action === 'task' && interaction.isButton()) {
      const [taskId = 0, unitId = 0, periodId = 0] = parseIds(args, 3);
      await openModalFor(interaction, ctx, taskId, unitId, periodId);
    } else if (action === 'submit' && interaction.isModalSubmit()) {
      const [taskId = 0, unitId = 0, periodId = 0] = parseIds(args, 3);
      await submitModal(interaction, ctx, taskId, unitId, periodId);
    } else if (action === 'reply-confirm') {
      await confirmReply(interaction, ctx, args[0] ?? '');
    } else if (action === 'reply-cancel' && interaction.isButton()) {
      const draft = await cancelProgressReply(ctx.app, { draftId: args[0] ?? '', userId: interaction.user.id });
      await interaction.update({ content: `已取消,没有保存任何内容。“${draft.unitName}”如需报送,请重新回复提醒或使用 /progress。`, embeds: [], components: [], allowedMentions: noMentions });
    }
  },
};

/** Which workspace a button or modal in a DM belongs to (a DM has no guild): from the ids it carries. */
export async function resolveProgressWorkspace(ctx: { app: CommandContext['app'] }, action: string, args: string[]): Promise<number | undefined> {
  const db = ctx.app.db;
  if (action === 'start') {
    const id = idSchema.safeParse(args[0]);
    if (!id.success) return undefined;
    return (await db.selectFrom('reminder_deliveries').select('workspace_id').where('id', '=', id.data).executeTakeFirst())?.workspace_id;
  }
  if (action === 'task' || action === 'submit') {
    const unitId = idSchema.safeParse(args[1]);
    if (!unitId.success) return undefined;
    return (await db.selectFrom('units').select('workspace_id').where('id', '=', unitId.data).executeTakeFirst())?.workspace_id;
  }
  if (action === 'reply-confirm' || action === 'reply-cancel') {
    return (await db.selectFrom('drafts').select('workspace_id').where('id', '=', args[0] ?? '').executeTakeFirst())?.workspace_id;
  }
  return undefined;
}
