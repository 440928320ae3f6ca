import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { canSeeAllUnits, requireMember } from '../src/app/access.js';
import { listVisibleTasks, type TaskStatusFilter } from '../src/app/tasks/task-queries.js';
import { findPickedUnit } from '../src/app/units/unit-directory.js';
import { zhName } from '../src/command-names.js';
import { defineCommand, onButton } from '../src/discord/command-kit.js';
import { tasksIds } from '../src/discord/custom-ids.js';
import { pagerRow } from '../src/discord/render/pager.js';
import { renderTaskList, taskListHeading, taskStatusChoices } from '../src/discord/render/task-list.js';
import { noMentions, respondPrivately } from '../src/discord/respond.js';
import type { CommandContext } from '../src/discord/slash-command.js';

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
      choices: taskStatusChoices.map((c) => ({ name: c.value, name_localizations: { 'zh-CN': c.label }, value: c.value })),
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

interface ListState {
  /** 0: every unit the person may see. */
  unitId: number;
  /** 0: every section. */
  section: number;
  status: TaskStatusFilter | null;
}

async function renderPage(ctx: CommandContext, state: ListState, page: number) {
  const { year, tasks, ownUnitsOnly } = await listVisibleTasks(ctx.app.store, ctx.workspace, ctx.access, {
    unitId: state.unitId || null,
    sectionNo: state.section || null,
    status: state.status,
    now: ctx.app.clock.now(),
  });
  const heading = taskListHeading({
    year,
    ownUnits: ownUnitsOnly ? ctx.access.units.map((u) => u.name) : null,
    sectionNo: state.section || null,
    status: state.status,
  });
  const { embed, page: current } = renderTaskList(tasks, page, heading);
  const row = pagerRow(current, (target) => tasksIds.encode('page', target, state.unitId, state.section, state.status ?? '-'));
  return { embeds: [embed], components: row ? [row] : [] };
}

export const tasksCommand = defineCommand({
  definition,
  async run(interaction, ctx, { unit, section, status }) {
    requireMember(ctx.access);
    const unitId = unit ? (await findPickedUnit(ctx.app.store, ctx.workspace.id, unit)).id : 0;
    await respondPrivately(interaction, await renderPage(ctx, { unitId, section: section ?? 0, status: (status as TaskStatusFilter | null) ?? null }, 0));
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
  components: {
    codec: tasksIds,
    handlers: {
      page: onButton(async (interaction, ctx, [page, unitId, section, status]) => {
        requireMember(ctx.access);
        await interaction.update({
          ...(await renderPage(ctx, { unitId, section, status: status === '-' ? null : status }, page)),
          allowedMentions: noMentions,
        });
      }),
    },
  },
});
