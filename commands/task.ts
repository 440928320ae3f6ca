import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { ModalSubmitInteraction } from 'discord.js';
import { canSeeAllUnits, requireCoordinator, requireMember } from '../src/app/access.js';
import { resolveCycleYear } from '../src/app/cycle/load-cycle.js';
import { gradeReport, listGradeCandidates } from '../src/app/tasks/grade-report.js';
import { closeTask, extendTask, listSendBackCandidates, sendBackTask } from '../src/app/tasks/task-actions.js';
import { getTaskDetail } from '../src/app/tasks/task-detail.js';
import { searchOwnTasks } from '../src/app/tasks/task-queries.js';
import { zhName } from '../src/command-names.js';
import { defineCommand, onButton, onModal } from '../src/discord/command-kit.js';
import { taskIds } from '../src/discord/custom-ids.js';
import { truncate } from '../src/discord/render/pager.js';
import {
  closeModal,
  describeGraded,
  describeTaskAction,
  extendModal,
  gradeModal,
  sendBackModal,
  taskActionFields as FIELDS,
} from '../src/discord/render/task-action-views.js';
import { renderTaskDetail } from '../src/discord/render/task-detail.js';
import { addTaskReports, taskActionRow } from '../src/discord/render/task-reports.js';
import { deferPrivately, respondPrivately } from '../src/discord/respond.js';
import type { CommandContext } from '../src/discord/slash-command.js';
import { readTaskNumber } from '../src/discord/task-number-input.js';
import type { ReportRating } from '../src/domain/ranking/index.js';

export const definition = {
  name: 'task',
  name_localizations: zhName('task'),
  description: 'One task in full, with its units and latest progress',
  description_localizations: { 'zh-CN': '查看单项任务详情:责任单位和最新进展' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'number',
      name_localizations: { 'zh-CN': '编号' },
      description: 'Task number (type a number or words of the title)',
      description_localizations: { 'zh-CN': '任务编号(可输入编号或标题中的字词)' },
      required: true,
      autocomplete: true,
      max_length: 100,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const taskCommand = defineCommand({
  definition,
  async run(interaction, ctx, { number }) {
    requireMember(ctx.access);
    const task = await getTaskDetail(ctx.app.store, ctx.workspace, ctx.access, readTaskNumber(number), ctx.app.clock.now());
    const embed = addTaskReports(renderTaskDetail(task), task.periodReports);
    // Coordinators get 办结 / 退回 / 延期 / 评价 here; the buttons check the role again when pressed.
    await respondPrivately(interaction, { embeds: [embed], components: ctx.access.isCoordinator ? [taskActionRow(task.seq, task.state === 'open')] : [] });
  },
  async autocomplete(interaction, ctx) {
    requireMember(ctx.access);
    const year = await resolveCycleYear(ctx.app.store, ctx.workspace, ctx.app.clock.now());
    if (year === null) return interaction.respond([]);
    const typed = interaction.options.getFocused();
    const found = canSeeAllUnits(ctx.access)
      ? await ctx.app.store.tasks.search(ctx.workspace.id, year, typed, 25)
      : await searchOwnTasks(ctx.app.store, ctx.workspace, ctx.app.clock.now(), { unitIds: ctx.access.units.map((u) => u.id), typed, limit: 25 });
    await interaction.respond(found.map((t) => ({ name: truncate(`${t.seq}. ${t.title}`, 100), value: String(t.seq) })));
  },
  // 办结 / 退回 / 延期 / 评价: coordinators only, checked on every press and every submit.
  components: {
    codec: taskIds,
    handlers: {
      close: onButton(async (interaction, ctx, [seq]) => {
        requireCoordinator(ctx.access);
        const task = await getTaskDetail(ctx.app.store, ctx.workspace, ctx.access, seq, ctx.app.clock.now());
        await interaction.showModal(closeModal(seq, task.title));
      }),
      extend: onButton(async (interaction, ctx, [seq]) => {
        requireCoordinator(ctx.access);
        await getTaskDetail(ctx.app.store, ctx.workspace, ctx.access, seq, ctx.app.clock.now());
        await interaction.showModal(extendModal(seq));
      }),
      'send-back': onButton(async (interaction, ctx, [seq]) => {
        requireCoordinator(ctx.access);
        await interaction.showModal(sendBackModal(seq, await listSendBackCandidates(ctx.app, { workspaceId: ctx.workspace.id, seq })));
      }),
      grade: onButton(async (interaction, ctx, [seq]) => {
        requireCoordinator(ctx.access);
        await interaction.showModal(gradeModal(seq, await listGradeCandidates(ctx.app, { workspaceId: ctx.workspace.id, seq })));
      }),
      'close-submit': onModal(async (interaction, ctx, [seq]) => {
        requireCoordinator(ctx.access);
        await deferPrivately(interaction);
        const result = await closeTask(ctx.app, { ...actor(interaction, ctx), seq, note: textField(interaction, FIELDS.note) || null });
        await respondPrivately(interaction, describeTaskAction(result));
      }),
      'extend-submit': onModal(async (interaction, ctx, [seq]) => {
        requireCoordinator(ctx.access);
        await deferPrivately(interaction);
        const result = await extendTask(ctx.app, {
          ...actor(interaction, ctx),
          seq,
          newDueDate: interaction.fields.getTextInputValue(FIELDS.date),
          reason: textField(interaction, FIELDS.reason) || null,
          timeZone: ctx.workspace.time_zone,
        });
        await respondPrivately(interaction, describeTaskAction(result));
      }),
      'send-back-submit': onModal(async (interaction, ctx, [seq]) => {
        requireCoordinator(ctx.access);
        await deferPrivately(interaction);
        const result = await sendBackTask(ctx.app, {
          ...actor(interaction, ctx),
          seq,
          reason: interaction.fields.getTextInputValue(FIELDS.reason),
          unitName: selected(interaction, FIELDS.unit) ?? null,
        });
        await respondPrivately(interaction, describeTaskAction(result));
      }),
      'grade-submit': onModal(async (interaction, ctx, [seq]) => {
        requireCoordinator(ctx.access);
        await deferPrivately(interaction);
        const rating = selected(interaction, FIELDS.rating);
        const graded = await gradeReport(ctx.app, {
          ...actor(interaction, ctx),
          seq,
          unitName: selected(interaction, FIELDS.unit) ?? '',
          // gradeReport checks the value against the grades it knows.
          rating: rating === 'none' || rating === undefined ? null : (rating as ReportRating),
          perfunctory: selected(interaction, FIELDS.perfunctory) === 'yes',
        });
        await respondPrivately(interaction, describeGraded(graded));
      }),
    },
  },
});

const actor = (interaction: ModalSubmitInteraction, ctx: CommandContext) => ({ workspaceId: ctx.workspace.id, actorId: interaction.user.id });
const textField = (interaction: ModalSubmitInteraction, id: string) => interaction.fields.getTextInputValue(id).trim();
const selected = (interaction: ModalSubmitInteraction, id: string) =>
  interaction.fields.fields.has(id) ? interaction.fields.getStringSelectValues(id)[0] : undefined;
