import {
  ApplicationCommandOptionType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { ModalSubmitInteraction } from 'discord.js';
import { canSeeAllUnits, requireCoordinator, requireMember } from '../src/app/access.js';
import { resolveCycleYear } from '../src/app/cycle/load-cycle.js';
import { gradeReport, listGradeCandidates } from '../src/app/tasks/grade-report.js';
import { closeTask, extendTask, listSendBackCandidates, sendBackTask } from '../src/app/tasks/task-actions.js';
import { addTask, editTask, removeTask, restoreTask } from '../src/app/tasks/task-corrections.js';
import { getTaskDetail } from '../src/app/tasks/task-detail.js';
import { listTaskEvidence, readTaskEvidence } from '../src/app/tasks/task-evidence.js';
import { splitLastUnitName } from '../src/app/units/pick-units.js';
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
import { describeCorrection } from '../src/discord/render/task-correction-view.js';
import { renderTaskDetail } from '../src/discord/render/task-detail.js';
import { evidenceButton, evidenceRow, pickAttachable, renderTaskEvidence } from '../src/discord/render/task-evidence.js';
import { addTaskReports, taskActionRow } from '../src/discord/render/task-reports.js';
import { deferPrivately, respondPrivately } from '../src/discord/respond.js';
import type { CommandContext } from '../src/discord/slash-command.js';
import { readTaskNumber } from '../src/discord/task-number-input.js';
import type { ReportRating } from '../src/domain/ranking/index.js';
import { unitCategoryLabels } from '../src/domain/units/index.js';

const numberOption = {
  type: ApplicationCommandOptionType.String,
  name: 'number',
  name_localizations: { 'zh-CN': '编号' },
  description: 'Task number (type a number or words of the title)',
  description_localizations: { 'zh-CN': '任务编号(可输入编号或标题中的字词)' },
  required: true,
  autocomplete: true,
  max_length: 100,
} as const satisfies APIApplicationCommandBasicOption;

const titleOption = {
  type: ApplicationCommandOptionType.String,
  name: 'title',
  name_localizations: { 'zh-CN': '标题' },
  description: 'The task as it should read',
  description_localizations: { 'zh-CN': '任务标题(任务内容)' },
  max_length: 500,
} as const satisfies APIApplicationCommandBasicOption;

const leadOption = {
  type: ApplicationCommandOptionType.String,
  name: 'lead',
  name_localizations: { 'zh-CN': '牵头单位' },
  description: 'The lead unit, from the directory (a new name is created with 类别)',
  description_localizations: { 'zh-CN': '牵头单位,从单位目录中选择(目录中没有的,填写“类别”即新建)' },
  autocomplete: true,
  max_length: 50,
} as const satisfies APIApplicationCommandBasicOption;

const supportingOption = {
  type: ApplicationCommandOptionType.String,
  name: 'supporting',
  name_localizations: { 'zh-CN': '配合单位' },
  description: 'Supporting units separated by 、 or commas ("无" for none)',
  description_localizations: { 'zh-CN': '配合单位,用顿号或逗号分隔;填“无”表示没有配合单位' },
  autocomplete: true,
  max_length: 1000,
} as const satisfies APIApplicationCommandBasicOption;

const deadlineOption = {
  type: ApplicationCommandOptionType.String,
  name: 'deadline',
  name_localizations: { 'zh-CN': '完成时限' },
  description: 'A date (2026-06-30), a phrase (6月底前, 长期坚持) or 无',
  description_localizations: { 'zh-CN': '日期(如 2026-06-30),或“6月底前”“长期坚持”等;填“无”表示不设时限' },
  max_length: 100,
} as const satisfies APIApplicationCommandBasicOption;

const categoryOption = {
  type: ApplicationCommandOptionType.String,
  name: 'category',
  name_localizations: { 'zh-CN': '类别' },
  description: 'Category of a unit not yet in the directory, created on the spot',
  description_localizations: { 'zh-CN': '仅在新建目录中没有的单位时使用:该单位的类别' },
  choices: (['department', 'township', 'other'] as const).map((value) => ({ name: value, name_localizations: { 'zh-CN': unitCategoryLabels[value] }, value })),
} as const satisfies APIApplicationCommandBasicOption;

const sectionOption = {
  type: ApplicationCommandOptionType.Integer,
  name: 'section',
  name_localizations: { 'zh-CN': '部分' },
  description: 'Section number (一 = 1, 二 = 2 …)',
  description_localizations: { 'zh-CN': '所属部分的序号(“一、”填 1,“二、”填 2……)' },
  min_value: 1,
  max_value: 100,
} as const satisfies APIApplicationCommandBasicOption;

export const definition = {
  name: 'task',
  name_localizations: zhName('task'),
  description: 'One task: see it, or correct the task list (coordinators)',
  description_localizations: { 'zh-CN': '单项任务:查看详情,或由督办人修正任务清单' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'show',
      name_localizations: zhName('task show'),
      description: 'One task in full, with its units and latest progress',
      description_localizations: { 'zh-CN': '查看单项任务详情:责任单位和最新进展' },
      options: [numberOption],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'edit',
      name_localizations: zhName('task edit'),
      description: 'Correct a task: title, lead, supporting units, deadline, section (coordinators)',
      description_localizations: { 'zh-CN': '修正任务的标题、牵头单位、配合单位、完成时限或所属部分(督办人)' },
      options: [numberOption, titleOption, leadOption, supportingOption, deadlineOption, sectionOption, categoryOption],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      name_localizations: zhName('task add'),
      description: 'Add a task the import missed (coordinators)',
      description_localizations: { 'zh-CN': '新增导入时遗漏的任务(督办人)' },
      options: [
        { ...sectionOption, required: true },
        { ...titleOption, required: true },
        { ...leadOption, required: true },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'number',
          name_localizations: { 'zh-CN': '序号' },
          description: 'Its number in the section (default: after the last)',
          description_localizations: { 'zh-CN': '在该部分中的序号(留空则接在该部分末尾)' },
          min_value: 1,
          max_value: 1000,
        },
        supportingOption,
        deadlineOption,
        categoryOption,
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'remove',
      name_localizations: zhName('task remove'),
      description: 'Retire a task that is not one (its reports are kept; can be restored) (coordinators)',
      description_localizations: { 'zh-CN': '撤销误识别的任务:不再提醒和排名,已报送的进展保留,可恢复(督办人)' },
      options: [
        numberOption,
        {
          type: ApplicationCommandOptionType.String,
          name: 'reason',
          name_localizations: { 'zh-CN': '理由' },
          description: 'Why (kept in the audit log)',
          description_localizations: { 'zh-CN': '撤销理由(记入操作记录)' },
          max_length: 500,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'restore',
      name_localizations: zhName('task restore'),
      description: 'Bring back a task retired with remove (coordinators)',
      description_localizations: { 'zh-CN': '恢复被撤销的任务(督办人)' },
      options: [{ ...numberOption, description: 'Number of the retired task', description_localizations: { 'zh-CN': '被撤销任务的编号' } }],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const taskCommand = defineCommand({
  definition,
  run: {
    async show(interaction, ctx, { number }) {
      requireMember(ctx.access);
      const task = await getTaskDetail(ctx.app.store, ctx.workspace, ctx.access, readTaskNumber(number), ctx.app.clock.now());
      const embed = addTaskReports(renderTaskDetail(task), task.periodReports);
      const evidence = task.evidenceCount;
      // Coordinators get 办结 / 退回 / 延期 / 评价 here; the buttons check the role again when pressed.
      const components = ctx.access.isCoordinator
        ? [
            evidence > 0
              ? taskActionRow(task.seq, task.state === 'open').addComponents(evidenceButton(task.seq, evidence))
              : taskActionRow(task.seq, task.state === 'open'),
          ]
        : evidence > 0
          ? [evidenceRow(task.seq, evidence)]
          : [];
      await respondPrivately(interaction, { embeds: [embed], components });
    },
    async edit(interaction, ctx, args) {
      requireCoordinator(ctx.access);
      await deferPrivately(interaction);
      const result = await editTask(ctx.app, {
        workspaceId: ctx.workspace.id,
        actorId: interaction.user.id,
        seq: readTaskNumber(args.number),
        title: args.title,
        lead: args.lead,
        supporting: args.supporting === null ? null : noneMeansEmpty(args.supporting),
        deadline: args.deadline,
        sectionNo: args.section,
        category: args.category,
      });
      await respondPrivately(interaction, describeCorrection(result));
    },
    async add(interaction, ctx, args) {
      requireCoordinator(ctx.access);
      await deferPrivately(interaction);
      const result = await addTask(ctx.app, {
        workspaceId: ctx.workspace.id,
        actorId: interaction.user.id,
        sectionNo: args.section,
        no: args.number,
        title: args.title,
        lead: args.lead,
        supporting: args.supporting === null ? null : noneMeansEmpty(args.supporting),
        deadline: args.deadline,
        category: args.category,
      });
      await respondPrivately(interaction, describeCorrection(result));
    },
    async remove(interaction, ctx, { number, reason }) {
      requireCoordinator(ctx.access);
      await deferPrivately(interaction);
      const result = await removeTask(ctx.app, { workspaceId: ctx.workspace.id, actorId: interaction.user.id, seq: readTaskNumber(number), reason });
      await respondPrivately(interaction, describeCorrection(result));
    },
    async restore(interaction, ctx, { number }) {
      requireCoordinator(ctx.access);
      await deferPrivately(interaction);
      const result = await restoreTask(ctx.app, { workspaceId: ctx.workspace.id, actorId: interaction.user.id, seq: readTaskNumber(number) });
      await respondPrivately(interaction, describeCorrection(result));
    },
  },
  async autocomplete(interaction, ctx) {
    requireMember(ctx.access);
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'lead' || focused.name === 'supporting') {
      // Unit names are for the coordinators correcting tasks; anyone else is offered nothing.
      if (!ctx.access.isCoordinator) return interaction.respond([]);
      const { head, last } = focused.name === 'supporting' ? splitLastUnitName(focused.value) : { head: '', last: focused.value.trim() };
      const names = await ctx.app.store.units.searchNames(ctx.workspace.id, last, 25);
      const choices = names.map((name) => `${head}${name}`).filter((value) => value.length <= 100);
      return interaction.respond(choices.map((value) => ({ name: value, value })));
    }
    const year = await resolveCycleYear(ctx.app.store, ctx.workspace, ctx.app.clock.now());
    if (year === null) return interaction.respond([]);
    const typed = focused.value;
    if (interaction.options.getSubcommand(false) === 'restore') {
      // Only coordinators restore; the choices are the tasks retired by hand, which nobody else sees.
      const retired = ctx.access.isCoordinator ? await ctx.app.store.tasks.searchRetired(ctx.workspace.id, year, typed, 25) : [];
      return interaction.respond(retired.map((t) => ({ name: truncate(`${t.seq}. ${t.title}(已撤销)`, 100), value: String(t.seq) })));
    }
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
      // 佐证材料: anyone who may see the task, checked again on the press (listTaskEvidence → getTaskDetail).
      evidence: onButton(async (interaction, ctx, [seq]) => {
        requireMember(ctx.access);
        await deferPrivately(interaction);
        const now = ctx.app.clock.now();
        const list = await listTaskEvidence(ctx.app.store, ctx.workspace, ctx.access, seq, now);
        const attached = await readTaskEvidence(
          ctx.app.store,
          ctx.workspace.id,
          pickAttachable(list.items).map((item) => item.id),
        );
        const link = ctx.app.ledgerLinks
          ? await ctx.app.ledgerLinks.issue({ guildId: ctx.workspace.guild_id, userId: interaction.user.id, path: `/tasks/${seq}` })
          : null;
        await respondPrivately(interaction, renderTaskEvidence({ ...list, attached, ledgerUrl: link?.url ?? null }));
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

/** "无" in the supporting units: the task has none. */
const noneMeansEmpty = (typed: string) => (typed.trim() === '无' ? '' : typed);

const actor = (interaction: ModalSubmitInteraction, ctx: CommandContext) => ({ workspaceId: ctx.workspace.id, actorId: interaction.user.id });
const textField = (interaction: ModalSubmitInteraction, id: string) => interaction.fields.getTextInputValue(id).trim();
const selected = (interaction: ModalSubmitInteraction, id: string) =>
  interaction.fields.fields.has(id) ? interaction.fields.getStringSelectValues(id)[0] : undefined;
