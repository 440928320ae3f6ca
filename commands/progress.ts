import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { MessageFlags, type Attachment, type ButtonInteraction, type ModalSubmitInteraction, type StringSelectMenuInteraction } from 'discord.js';
import { z } from 'zod';
import { listCyclePeriods } from '../src/app/cycle/load-cycle.js';
import { cancelProgressReply, confirmProgressReply, loadOwnReplyDraft } from '../src/app/progress/progress-reply.js';
import { recordProgress, type EvidenceInput } from '../src/app/progress/record-progress.js';
import {
  pickOwnUnit,
  requireLiaisonOf,
  resolveReminderForms,
  resolveReportForm,
  resolveReportTarget,
  type ReportTarget,
} from '../src/app/progress/report-target.js';
import { searchOwnTasks } from '../src/app/tasks/task-queries.js';
import type { AppContext } from '../src/app/context.js';
import { zhName } from '../src/command-names.js';
import { readPercentField, type ProgressStatus } from '../src/domain/progress/index.js';
import { UserError } from '../src/errors.js';
import { checkedEvidenceFile, MAX_EVIDENCE_BYTES } from '../src/files/index.js';
import { defineCommand, onButton, onModal, onSelect, outdatedComponent } from '../src/discord/command-kit.js';
import { progressIds } from '../src/discord/custom-ids.js';
import { downloadAttachment } from '../src/discord/download-attachment.js';
import { explainFailure } from '../src/discord/error-message.js';
import { buildProgressModal, PROGRESS_FIELDS } from '../src/discord/render/progress-modal.js';
import { renderNotSaved, renderReplyConfirmation, renderSavedMessage } from '../src/discord/render/progress-result.js';
import { describeReplyCancelled, renderOwedTasks, renderUnitChoice } from '../src/discord/render/progress-start.js';
import { truncate } from '../src/discord/render/pager.js';
import { deferPrivately, noMentions, respondPrivately } from '../src/discord/respond.js';
import type { CommandContext } from '../src/discord/slash-command.js';
import { readTaskNumber } from '../src/discord/task-number-input.js';

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

const unitIdSchema = z.coerce.number().int().positive();

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
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  ctx: CommandContext,
  ids: { taskId: number; unitId: number; periodId: number },
) {
  await interaction.showModal(modalFor(await resolveReportForm(ctx.app.store, ctx.workspace, ctx.access, ids)));
}

/** 填报进展 on a reminder: the one task's modal, or a button per task when the unit owes several. */
async function startFromReminder(interaction: ButtonInteraction, ctx: CommandContext, deliveryId: number) {
  const { unit, period, owed } = await resolveReminderForms(ctx.app.store, ctx.workspace, ctx.access, deliveryId);
  const only = owed[0];
  if (owed.length === 1 && only) return openModalFor(interaction, ctx, { taskId: only.taskId, unitId: unit.id, periodId: period.id });
  await respondPrivately(interaction, renderOwedTasks(unit, period, owed));
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
      // All three are checked by progressSubmissionSchema, whose messages say what is wrong with them (a missing status included).
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

async function confirmReply(interaction: ButtonInteraction, ctx: CommandContext, draftId: string) {
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

/** Which workspace a button or form in a DM belongs to (a DM has no guild): from the ids its custom id carries. */
async function resolveProgressWorkspace(app: AppContext, action: string, args: string[]): Promise<number | undefined> {
  const decoded = progressIds.decode([progressIds.command, action, ...args].join(':'));
  const workspaces = app.store.workspaces;
  switch (decoded?.action) {
    case 'start':
      return workspaces.findIdOf({ kind: 'reminder', id: decoded.args[0] });
    case 'task':
    case 'submit':
      return workspaces.findIdOf({ kind: 'unit', id: decoded.args[1] });
    case 'reply-confirm':
    case 'reply-cancel':
    case 'reply-review':
      return workspaces.findIdOf({ kind: 'draft', id: decoded.args[0] });
    default:
      return undefined;
  }
}

export const progressCommand = defineCommand({
  definition,
  dmWorkspace: resolveProgressWorkspace,
  async run(interaction, ctx, { task, unit, period }) {
    const target = await resolveReportTarget(ctx.app.store, ctx.workspace, ctx.access, {
      seq: readTaskNumber(task),
      unitId: pickOwnUnit(ctx.access, unit)?.id ?? null,
      periodKey: period,
      now: ctx.app.clock.now(),
    });
    if (target.kind === 'choose_unit') await respondPrivately(interaction, renderUnitChoice(target));
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
  components: {
    codec: progressIds,
    handlers: {
      start: onButton((interaction, ctx, [deliveryId]) => startFromReminder(interaction, ctx, deliveryId)),
      task: onButton((interaction, ctx, [taskId, unitId, periodId]) => openModalFor(interaction, ctx, { taskId, unitId, periodId })),
      unit: onSelect(async (interaction, ctx, [taskId, periodId]) => {
        const unitId = unitIdSchema.safeParse(interaction.values[0]);
        if (!unitId.success) throw outdatedComponent();
        await openModalFor(interaction, ctx, { taskId, unitId: unitId.data, periodId });
      }),
      submit: onModal((interaction, ctx, [taskId, unitId, periodId]) => submitModal(interaction, ctx, taskId, unitId, periodId)),
      // Only the person who replied sees their split reply, privately, with 确认保存 / 取消.
      'reply-review': onButton(async (interaction, ctx, [draftId]) => {
        const loaded = await loadOwnReplyDraft(ctx.app, { draftId, userId: interaction.user.id });
        requireLiaisonOf(ctx.access, loaded.payload.unitId);
        await respondPrivately(interaction, renderReplyConfirmation(draftId, loaded.payload));
      }),
      'reply-confirm': onButton((interaction, ctx, [draftId]) => confirmReply(interaction, ctx, draftId)),
      'reply-cancel': onButton(async (interaction, ctx, [draftId]) => {
        const draft = await cancelProgressReply(ctx.app, { draftId, userId: interaction.user.id });
        await interaction.update({ content: describeReplyCancelled(draft.unitName), embeds: [], components: [], allowedMentions: noMentions });
      }),
    },
  },
});
