import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { commandRef, zhName } from '../src/command-names.js';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  MessageFlags,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
  type Attachment,
  type ModalSubmitInteraction,
} from 'discord.js';
import { z } from 'zod';
import { cancelProgressReply, confirmProgressReply, loadOwnReplyDraft } from '../src/app/progress/progress-reply.js';
import { recordProgress, type EvidenceInput } from '../src/app/progress/record-progress.js';
import { listCyclePeriods } from '../src/app/cycle/load-cycle.js';
import {
  requireLiaisonOf,
  resolveReminderForms,
  resolveReportForm,
  resolveReportTarget,
  type ReportTarget,
  type UnitChoice,
} from '../src/app/progress/report-target.js';
import { searchOwnTasks } from '../src/app/tasks/task-queries.js';
import { readPercentField, type ProgressStatus } from '../src/domain/progress/index.js';
import { UserError } from '../src/errors.js';
import { checkedEvidenceFile } from '../src/files/index.js';
import { downloadAttachment } from '../src/discord/download-attachment.js';
import { explainFailure } from '../src/discord/error-message.js';
import { buildProgressModal, PROGRESS_FIELDS } from '../src/discord/render/progress-modal.js';
import { renderNotSaved, renderReplyConfirmation, renderSavedMessage } from '../src/discord/render/progress-result.js';
import { truncate } from '../src/discord/render/pager.js';
import { deferPrivately, noMentions, respondPrivately } from '../src/discord/respond.js';
import { customId, type CommandContext, type SlashCommand } from '../src/discord/slash-command.js';
import { taskNumberSchema } from '../src/discord/task-number-input.js';

export const definition = {
  name: 'progress',
  name_localizations: zhName('progress'),
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
    {
      type: ApplicationCommandOptionType.String,
      name: 'unit',
      name_localizations: { 'zh-CN': '单位' },
      description: 'Which of your units reports (when you speak for several)',
      description_localizations: { 'zh-CN': '以哪个单位报送(你绑定了多个单位时选择)' },
      autocomplete: true,
      max_length: 20,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'period',
      name_localizations: { 'zh-CN': '周期' },
      description: 'Reporting period (the current one when left out; pick an earlier one to report late)',
      description_localizations: { 'zh-CN': '报送周期(不填为当前周期;补报往期时选择)' },
      autocomplete: true,
      max_length: 60,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Evidence files larger than this are refused before downloading. */
const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
const idSchema = z.coerce.number().int().positive();

function parseIds(args: string[], count: number): number[] {
  const ids = args.slice(0, count).map((a) => idSchema.safeParse(a));
  if (ids.length !== count || ids.some((r) => !r.success))
    throw new UserError('bad_custom_id', `这个按钮已失效,请重新打开提醒或使用 ${commandRef('progress')}。`);
  return ids.map((r) => (r.success ? r.data : 0));
}

function modalFor(target: ReportTarget) {
  return buildProgressModal({
    task: target.task,
    unitId: target.unit.id,
    periodId: target.period.id,
    periodLabel: target.period.label,
    existing: target.existing,
  });
}

/** A form for the task, unit and period a button names; checked before anything of the task is shown. */
async function openModalFor(
  interaction: Parameters<NonNullable<SlashCommand['component']>>[0],
  ctx: CommandContext,
  ids: { taskId: number; unitId: number; periodId: number },
) {
  if (!interaction.isButton() && !interaction.isStringSelectMenu())
    throw new UserError('bad_custom_id', `这个按钮已失效,请重新打开提醒或使用 ${commandRef('progress')}。`);
  await interaction.showModal(modalFor(await resolveReportForm(ctx.app.store, ctx.workspace, ctx.access, ids)));
}

/** The person speaks for several units answering for the task: they pick which one reports. */
function unitChoiceMessage(choice: UnitChoice) {
  const menu = new StringSelectMenuBuilder()
    .setCustomId(customId('progress', 'unit', choice.task.id, choice.period.id))
    .setPlaceholder('选择报送单位')
    .addOptions(choice.units.slice(0, 25).map((u) => new StringSelectMenuOptionBuilder().setLabel(truncate(u.name, 100)).setValue(String(u.id))));
  return {
    content: `你绑定的多个单位都承担第 ${choice.task.seq} 项任务(${truncate(choice.task.title, 60)}),请选择以哪个单位报送${choice.period.label}的进展:`,
    components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(menu)],
  };
}

/** 填报进展 on a reminder: the one task's modal, or a button per task when the unit owes several. */
async function startFromReminder(interaction: Parameters<NonNullable<SlashCommand['component']>>[0], ctx: CommandContext, deliveryId: number) {
  const { unit, period, owed } = await resolveReminderForms(ctx.app.store, ctx.workspace, ctx.access, deliveryId);
  const only = owed[0];
  if (owed.length === 1 && only) return openModalFor(interaction, ctx, { taskId: only.taskId, unitId: unit.id, periodId: period.id });
  if (owed.length === 0) {
    await respondPrivately(interaction, `“${unit.name}”已报送${period.label}的全部任务。如需修改,请使用 ${commandRef('progress')} 选择任务。`);
    return;
  }
  const buttons = owed.slice(0, 25).map((t) =>
    new ButtonBuilder()
      .setCustomId(customId('progress', 'task', t.taskId, unit.id, period.id))
      .setLabel(truncate(`${t.label} 第${t.seq}项`, 80))
      .setStyle(ButtonStyle.Primary),
  );
  const rows = [];
  for (let i = 0; i < buttons.length; i += 5) rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(i, i + 5)));
  const more = owed.length > 25 ? `\n(另有 ${owed.length - 25} 项请用 ${commandRef('progress')} 填报)` : '';
  await respondPrivately(interaction, {
    content: `“${unit.name}”${period.label}尚有 ${owed.length} 项任务待报送,请逐项点击填写:\n${owed
      .slice(0, 25)
      .map((t) => `${t.label} ${truncate(t.title, 60)}(第 ${t.seq} 项)`)
      .join('\n')}${more}`,
    components: rows,
  });
}

async function downloadEvidence(files: readonly Attachment[]): Promise<EvidenceInput[]> {
  const evidence: EvidenceInput[] = [];
  for (const file of files)
    evidence.push(await checkedEvidenceFile({ filename: file.name, contentType: file.contentType, bytes: await downloadAttachment(file, MAX_EVIDENCE_BYTES) }));
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
      evidence.push(await checkedEvidenceFile({ filename: file.filename, contentType: file.contentType, bytes }));
    }
    const { draft, recorded } = await confirmProgressReply(ctx.app, { draftId, userId: interaction.user.id, evidence });
    await interaction.editReply({
      content: renderSavedMessage(recorded, draft.unitName, draft.periodLabel),
      embeds: [],
      components: [],
      allowedMentions: noMentions,
    });
  } catch (error) {
    const failure = notSaved(ctx, interaction.user.id, error, loaded.payload.originalText);
    await interaction.followUp({ content: failure.message, allowedMentions: noMentions, flags: MessageFlags.Ephemeral }).catch(() => undefined);
  }
}

export const progressCommand: SlashCommand = {
  definition,
  dmWorkspace: (app, action, args) => resolveProgressWorkspace(app, action, args),
  async execute(interaction, ctx) {
    const parsed = taskNumberSchema.safeParse(interaction.options.getString('task', true));
    if (!parsed.success) throw new UserError('invalid_task_number', parsed.error.issues[0]?.message ?? '任务编号不正确。');
    const unitName = interaction.options.getString('unit')?.trim();
    const unit = unitName ? ctx.access.units.find((u) => u.name === unitName || String(u.id) === unitName) : undefined;
    if (unitName && !unit) throw new UserError('forbidden_unit', `你没有绑定“${unitName}”,不能以该单位报送。请从联想列表中选择你的单位。`);
    const target = await resolveReportTarget(ctx.app.store, ctx.workspace, ctx.access, {
      seq: parsed.data,
      unitId: unit?.id ?? null,
      periodKey: interaction.options.getString('period'),
      now: ctx.app.clock.now(),
    });
    if (target.kind === 'choose_unit') await respondPrivately(interaction, unitChoiceMessage(target));
    else await interaction.showModal(modalFor(target));
  },
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    const typed = focused.value.trim();
    if (focused.name === 'unit') {
      return interaction.respond(
        ctx.access.units
          .filter((u) => !typed || u.name.includes(typed))
          .slice(0, 25)
          .map((u) => ({ name: u.name, value: u.name })),
      );
    }
    if (focused.name === 'period') {
      const periods = (await listCyclePeriods(ctx.app.store, ctx.workspace, ctx.app.clock.now())).filter((p) => !p.closed);
      return interaction.respond(
        periods
          .filter((p) => !typed || p.label.includes(typed) || p.key.includes(typed))
          .slice(0, 25)
          .map((p) => ({ name: p.label, value: p.key })),
      );
    }
    const tasks = await searchOwnTasks(ctx.app.store, ctx.workspace, ctx.app.clock.now(), {
      unitIds: ctx.access.units.map((u) => u.id),
      typed,
      limit: 25,
      openOnly: true,
    });
    await interaction.respond(tasks.map((t) => ({ name: truncate(`${t.seq}. ${t.label}${t.title}`, 100), value: String(t.seq) })));
  },
  async component(interaction, ctx, action, args) {
    if (action === 'start' && interaction.isButton()) {
      const [deliveryId = 0] = parseIds(args, 1);
      await startFromReminder(interaction, ctx, deliveryId);
    } else if (action === 'task' && interaction.isButton()) {
      const [taskId = 0, unitId = 0, periodId = 0] = parseIds(args, 3);
      await openModalFor(interaction, ctx, { taskId, unitId, periodId });
    } else if (action === 'unit' && interaction.isStringSelectMenu()) {
      const [taskId = 0, periodId = 0] = parseIds(args, 2);
      const [unitId = 0] = parseIds(interaction.values, 1);
      await openModalFor(interaction, ctx, { taskId, unitId, periodId });
    } else if (action === 'submit' && interaction.isModalSubmit()) {
      const [taskId = 0, unitId = 0, periodId = 0] = parseIds(args, 3);
      await submitModal(interaction, ctx, taskId, unitId, periodId);
    } else if (action === 'reply-review' && interaction.isButton()) {
      // Only the person who replied sees their split reply, privately, with 确认保存 / 取消.
      const draftId = args[0] ?? '';
      const loaded = await loadOwnReplyDraft(ctx.app, { draftId, userId: interaction.user.id });
      requireLiaisonOf(ctx.access, loaded.payload.unitId);
      await respondPrivately(interaction, renderReplyConfirmation(draftId, loaded.payload));
    } else if (action === 'reply-confirm') {
      await confirmReply(interaction, ctx, args[0] ?? '');
    } else if (action === 'reply-cancel' && interaction.isButton()) {
      const draft = await cancelProgressReply(ctx.app, { draftId: args[0] ?? '', userId: interaction.user.id });
      await interaction.update({
        content: `已取消,没有保存任何内容。“${draft.unitName}”如需报送,请重新回复提醒或使用 ${commandRef('progress')}。`,
        embeds: [],
        components: [],
        allowedMentions: noMentions,
      });
    } else {
      throw new UserError('bad_custom_id', `这个按钮已失效,请重新打开提醒或使用 ${commandRef('progress')}。`);
    }
  },
};

/** Which workspace a button or modal in a DM belongs to (a DM has no guild): from the ids it carries. */
async function resolveProgressWorkspace(app: CommandContext['app'], action: string, args: string[]): Promise<number | undefined> {
  const workspaces = app.store.workspaces;
  const id = idSchema.safeParse(action === 'task' || action === 'submit' ? args[1] : args[0]);
  if (action === 'start') return id.success ? workspaces.findIdOf({ kind: 'reminder', id: id.data }) : undefined;
  if (action === 'task' || action === 'submit') return id.success ? workspaces.findIdOf({ kind: 'unit', id: id.data }) : undefined;
  if (action === 'reply-confirm' || action === 'reply-cancel' || action === 'reply-review') return workspaces.findIdOf({ kind: 'draft', id: args[0] ?? '' });
  return undefined;
}
