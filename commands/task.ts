import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { commandRef, zhName } from '../src/command-names.js';
import { LabelBuilder, ModalBuilder, StringSelectMenuBuilder, StringSelectMenuOptionBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import { canSeeAllUnits, requireCoordinator, requireMember } from '../src/app/access.js';
import { resolveCycleYear } from '../src/app/cycle/load-cycle.js';
import { describeGrade, gradeReport, listGradeCandidates } from '../src/app/tasks/grade-report.js';
import { closeTask, extendTask, listSendBackCandidates, sendBackTask, type TaskActionResult } from '../src/app/tasks/task-actions.js';
import { reportRatingLabels, reportRatings } from '../src/domain/ranking/index.js';
import { getTaskDetail } from '../src/app/tasks/task-detail.js';
import { searchOwnTasks } from '../src/app/tasks/task-queries.js';
import { addTaskReports, taskActionRow } from '../src/discord/render/task-reports.js';
import { UserError } from '../src/errors.js';
import { renderTaskDetail } from '../src/discord/render/task-detail.js';
import { truncate } from '../src/discord/render/pager.js';
import { deferPrivately, respondPrivately } from '../src/discord/respond.js';
import { customId, type CommandContext, type ComponentInteraction, type SlashCommand } from '../src/discord/slash-command.js';
import { taskNumberSchema } from '../src/discord/task-number-input.js';

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

export const taskCommand: SlashCommand = {
  definition,
  async execute(interaction, ctx) {
    requireMember(ctx.access);
    const parsed = taskNumberSchema.safeParse(interaction.options.getString('number', true));
    if (!parsed.success) throw new UserError('invalid_task_number', parsed.error.issues[0]?.message ?? '任务编号不正确。');
    const task = await getTaskDetail(ctx.app.store, ctx.workspace, ctx.access, parsed.data, ctx.app.clock.now());
    const embed = addTaskReports(renderTaskDetail(task), task.periodReports);
    // Coordinators get 办结 / 退回 / 延期 here; the buttons check the role again when pressed.
    await respondPrivately(interaction, { embeds: [embed], components: ctx.access.isCoordinator ? [taskActionRow(task.seq, task.state === 'open')] : [] });
  },
  component: handleTaskAction,
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
};

const FIELDS = { note: 'note', reason: 'reason', unit: 'unit', date: 'date', rating: 'rating', perfunctory: 'perfunctory' } as const;

/** 评价: which unit's report, its grade (优/良/中/差 or none) and whether it was perfunctory, pre-filled with what is set. */
async function gradeModal(ctx: CommandContext, seq: number): Promise<ModalBuilder> {
  const candidates = (await listGradeCandidates(ctx.app, { workspaceId: ctx.workspace.id, seq })).slice(0, 25);
  if (candidates.length === 0) throw new UserError('nothing_to_grade', `第 ${seq} 项任务在未关闭的报送周期中还没有可评价的进展。`);
  const picked = candidates.length === 1 ? candidates[0] : undefined;
  const select = (id: string, options: { label: string; value: string; selected: boolean }[]) =>
    new StringSelectMenuBuilder()
      .setCustomId(id)
      .setRequired(true)
      .addOptions(options.map((o) => new StringSelectMenuOptionBuilder().setLabel(o.label).setValue(o.value).setDefault(o.selected)));
  return new ModalBuilder()
    .setCustomId(customId('task', 'grade-submit', seq))
    .setTitle(truncate(`评价进展 · 第 ${seq} 项`, 45))
    .addLabelComponents(
      new LabelBuilder().setLabel('评价哪个单位的进展').setStringSelectMenuComponent(
        select(
          FIELDS.unit,
          candidates.map((c) => ({
            label: truncate(
              `${c.unitName}(${c.role === 'lead' ? '牵头' : '配合'} · ${c.periodLabel}${c.rating ? ` · 现为“${reportRatingLabels[c.rating]}”` : ''})`,
              100,
            ),
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

function textInput(id: string, style: TextInputStyle, required: boolean, max: number, placeholder: string): TextInputBuilder {
  return new TextInputBuilder().setCustomId(id).setStyle(style).setRequired(required).setMaxLength(max).setPlaceholder(placeholder);
}

async function actionModal(ctx: CommandContext, action: string, seq: number): Promise<ModalBuilder> {
  const task = await getTaskDetail(ctx.app.store, ctx.workspace, ctx.access, seq, ctx.app.clock.now());
  const title = truncate(`${action === 'close' ? '办结' : action === 'send-back' ? '退回' : '延期'} · 第 ${seq} 项`, 45);
  const modal = new ModalBuilder().setCustomId(customId('task', `${action}-submit`, seq)).setTitle(title);
  if (action === 'close') {
    return modal.addLabelComponents(
      new LabelBuilder()
        .setLabel('办结说明(可选)')
        .setDescription(truncate(task.title, 100))
        .setTextInputComponent(textInput(FIELDS.note, TextInputStyle.Paragraph, false, 500, '会告知各责任单位')),
    );
  }
  if (action === 'extend') {
    return modal.addLabelComponents(
      new LabelBuilder()
        .setLabel('新的截止日期')
        .setDescription('格式 YYYY-MM-DD,如 2026-04-30')
        .setTextInputComponent(textInput(FIELDS.date, TextInputStyle.Short, true, 10, '2026-04-30')),
      new LabelBuilder().setLabel('延期说明(可选)').setTextInputComponent(textInput(FIELDS.reason, TextInputStyle.Paragraph, false, 500, '会告知各责任单位')),
    );
  }
  const candidates = (await listSendBackCandidates(ctx.app, { workspaceId: ctx.workspace.id, seq })).slice(0, 25);
  if (candidates.length === 0) throw new UserError('nothing_to_send_back', `第 ${seq} 项任务在未关闭的报送周期中还没有可退回的进展(尚未报送,或已全部退回)。`);
  const picked = candidates.length === 1 ? candidates[0] : candidates.find((c) => c.role === 'lead');
  const labels = [
    new LabelBuilder()
      .setLabel('退回理由')
      .setDescription('联络员会看到这段话')
      .setTextInputComponent(textInput(FIELDS.reason, TextInputStyle.Paragraph, true, 500, '例如:未写明量化完成情况,请补充')),
  ];
  {
    labels.push(
      new LabelBuilder().setLabel('退回哪个单位的进展').setStringSelectMenuComponent(
        new StringSelectMenuBuilder()
          .setCustomId(FIELDS.unit)
          .setRequired(false)
          .setMinValues(0)
          .addOptions(
            candidates.map((c) =>
              new StringSelectMenuOptionBuilder()
                .setLabel(truncate(`${c.unitName}(${c.role === 'lead' ? '牵头' : '配合'} · ${c.periodLabel})`, 100))
                .setValue(c.unitName)
                .setDefault(c === picked),
            ),
          ),
      ),
    );
  }
  return modal.addLabelComponents(...labels);
}

function describeAction(result: TaskActionResult): string {
  const name = `第 ${result.task.seq} 项 ${result.task.label}${truncate(result.task.title, 40)}`;
  const told = [
    result.notified.length ? `已通知:${result.notified.join('、')}。` : '',
    result.unreachable.length ? `未能通知:${result.unreachable.join('、')}(尚未绑定联络员或接收频道,请用 ${commandRef('unit bind')} 绑定)。` : '',
  ].join('');
  if (result.action === 'close') return `已办结${name}。此后各报送周期不再要求报送该任务的进展。${told}`;
  if (result.action === 'extend') return `已将${name}的截止日期延至 ${result.newDueDate},相关提醒随之顺延。${told}`;
  return `已退回“${result.unitName}”在${name}上的进展,该单位需重新报送。${told}`;
}

/** 办结 / 退回 / 延期: coordinators only, checked on every press and every submit. */
async function handleTaskAction(interaction: ComponentInteraction, ctx: CommandContext, action: string, args: string[]): Promise<void> {
  requireCoordinator(ctx.access);
  const parsed = taskNumberSchema.safeParse(args[0] ?? '');
  if (!parsed.success) throw new UserError('invalid_task_number', `这个按钮已失效,请重新执行 ${commandRef('task')}。`);
  const seq = parsed.data;
  if (interaction.isButton() && ['close', 'send-back', 'extend'].includes(action)) {
    await interaction.showModal(await actionModal(ctx, action, seq));
    return;
  }
  if (interaction.isButton() && action === 'grade') {
    await interaction.showModal(await gradeModal(ctx, seq));
    return;
  }
  if (!interaction.isModalSubmit()) throw new UserError('bad_custom_id', `这个按钮已失效,请重新执行 ${commandRef('task')}。`);
  if (action === 'grade-submit') {
    await deferPrivately(interaction);
    const value = (id: string) => (interaction.fields.fields.has(id) ? interaction.fields.getStringSelectValues(id)[0] : undefined);
    const rating = value(FIELDS.rating);
    const graded = await gradeReport(ctx.app, {
      workspaceId: ctx.workspace.id,
      actorId: interaction.user.id,
      seq,
      unitName: value(FIELDS.unit) ?? '',
      rating: rating === 'none' || rating === undefined ? null : (rating as (typeof reportRatings)[number]),
      perfunctory: value(FIELDS.perfunctory) === 'yes',
    });
    await respondPrivately(
      interaction,
      `✅ 已将“${graded.unitName}”在${graded.periodLabel}报送的${graded.task}的进展评为${describeGrade(graded.rating, graded.perfunctory)}。该评价按评分规则计入季度考核(${commandRef('ranking rules show')} 查看规则)。`,
    );
    return;
  }
  const base = { workspaceId: ctx.workspace.id, actorId: interaction.user.id, seq };
  await deferPrivately(interaction);
  let result: TaskActionResult;
  if (action === 'close-submit') {
    result = await closeTask(ctx.app, { ...base, note: interaction.fields.getTextInputValue(FIELDS.note).trim() || null });
  } else if (action === 'extend-submit') {
    result = await extendTask(ctx.app, {
      ...base,
      newDueDate: interaction.fields.getTextInputValue(FIELDS.date),
      reason: interaction.fields.getTextInputValue(FIELDS.reason).trim() || null,
      timeZone: ctx.workspace.time_zone,
    });
  } else if (action === 'send-back-submit') {
    const picked = interaction.fields.fields.has(FIELDS.unit) ? interaction.fields.getStringSelectValues(FIELDS.unit)[0] : undefined;
    result = await sendBackTask(ctx.app, { ...base, reason: interaction.fields.getTextInputValue(FIELDS.reason), unitName: picked ?? null });
  } else {
    throw new UserError('bad_custom_id', `这个表单已失效,请重新执行 ${commandRef('task')}。`);
  }
  await respondPrivately(interaction, describeAction(result));
}
