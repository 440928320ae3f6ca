import type { taskStatusFilters} from '../src/discord/custom-ids.js';
import { tasksIds } from '../src/discord/custom-ids.js';
import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { commandRef, zhName } from '../src/command-names.js';
import type { ActionRowBuilder, ButtonBuilder } from 'discord.js';
import { canSeeAllUnits, requireMember } from '../src/app/access.js';
import { requireCycle } from '../src/app/cycle/load-cycle.js';
import { listTaskSummaries, type TaskFilter, type TaskStatusFilter } from '../src/app/tasks/task-queries.js';
import { UserError } from '../src/errors.js';
import { statusLabels } from '../src/discord/render/labels.js';
import { pagerRow } from '../src/discord/render/pager.js';
import { renderTaskList } from '../src/discord/render/task-list.js';
import { noMentions, respondPrivately } from '../src/discord/respond.js';
import type { CommandContext, SlashCommand } from '../src/discord/slash-command.js';

const statusChoices: { value: TaskStatusFilter; label: string }[] = [
  { value: 'open', label: '进行中(未办结)' },
  { value: 'closed', label: '已办结' },
  { value: 'unreported', label: '尚未报送进展' },
  ...(['not_started', 'in_progress', 'done', 'blocked'] as const).map((value) => ({ value, label: `最新进展:${statusLabels[value]}` })),
];

export const definition = {
  name: 'tasks',
  name_localizations: zhName('tasks'),
  description: 'List tasks, filtered by unit, section or status',
  description_localizations: { 'zh-CN': '查看任务清单,可按单位、部分或状态筛选' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'unit',
      name_localizations: { 'zh-CN': '单位' },
      description: 'Only tasks of this unit',
      description_localizations: { 'zh-CN': '只看该单位承担的任务' },
      autocomplete: true,
      max_length: 50,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'section',
      name_localizations: { 'zh-CN': '部分' },
      description: 'Section number (一 = 1)',
      description_localizations: { 'zh-CN': '部分序号(“一、”填 1)' },
      min_value: 1,
      max_value: 99,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'status',
      name_localizations: { 'zh-CN': '状态' },
      description: 'Task status',
      description_localizations: { 'zh-CN': '任务状态' },
      choices: statusChoices.map((c) => ({ name: c.value, name_localizations: { 'zh-CN': c.label }, value: c.value })),
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

interface ListState {
  unitId: number;
  section: number;
  status: string;
}

async function renderPage(ctx: CommandContext, state: ListState, page: number) {
  const cycle = await requireCycle(ctx.app.store, ctx.workspace, ctx.app.clock.now());
  const year = cycle.year;
  const filter: TaskFilter = {};
  const ownUnitIds = ctx.access.units.map((u) => u.id);
  if (state.unitId) {
    if (!canSeeAllUnits(ctx.access) && !ownUnitIds.includes(state.unitId)) throw new UserError('forbidden_unit', '联络员只能查看本单位的任务。');
    filter.unitIds = [state.unitId];
  } else if (!canSeeAllUnits(ctx.access)) {
    filter.unitIds = ownUnitIds;
  }
  if (state.section) filter.sectionNo = state.section;
  if (state.status !== '-') filter.status = state.status as TaskStatusFilter;
  const tasks = await listTaskSummaries(ctx.app.store, cycle, filter);
  const scope = [
    canSeeAllUnits(ctx.access) || state.unitId ? '' : `本单位(${ctx.access.units.map((u) => u.name).join('、')})`,
    state.section ? `第 ${state.section} 部分` : '',
    state.status !== '-' ? (statusChoices.find((c) => c.value === state.status)?.label ?? '') : '',
  ].filter(Boolean);
  const { embed, page: current } = renderTaskList(tasks, page, `${year} 年任务${scope.length ? ` · ${scope.join(' · ')}` : ''}`);
  const row = pagerRow(current, (target) => tasksIds.encode('page', target, state.unitId, state.section, state.status as (typeof taskStatusFilters)[number]));
  return { embeds: [embed], components: row ? [row as ActionRowBuilder<ButtonBuilder>] : [] };
}

export const tasksCommand: SlashCommand = {
  definition,
  async execute(interaction, ctx) {
    requireMember(ctx.access);
    const unitName = interaction.options.getString('unit');
    let unitId = 0;
    if (unitName) {
      const unit = await ctx.app.store.units.findByNameOrAlias(ctx.workspace.id, unitName.trim());
      if (!unit) throw new UserError('unknown_unit', `单位目录中没有“${unitName}”。请从联想列表中选择,或用 ${commandRef('unit list')} 查看。`);
      unitId = unit.id;
    }
    const state = { unitId, section: interaction.options.getInteger('section') ?? 0, status: interaction.options.getString('status') ?? '-' };
    await respondPrivately(interaction, await renderPage(ctx, state, 0));
  },
  async autocomplete(interaction, ctx) {
    requireMember(ctx.access);
    const typed = interaction.options.getFocused();
    const names = canSeeAllUnits(ctx.access)
      ? await ctx.app.store.units.searchNames(ctx.workspace.id, typed, 25)
      : ctx.access.units
          .map((u) => u.name)
          .filter((n) => n.includes(typed))
          .slice(0, 25);
    await interaction.respond(names.map((name) => ({ name, value: name })));
  },
  async component(interaction, ctx, action, args) {
    requireMember(ctx.access);
    if (action !== 'page' || !interaction.isButton()) return;
    const [page = '0', unitId = '0', section = '0', status = '-'] = args;
    await interaction.update({
      ...(await renderPage(ctx, { unitId: Number(unitId), section: Number(section), status }, Number(page))),
      allowedMentions: noMentions,
    });
  },
};
