import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { z } from 'zod';
import { canSeeAllUnits, requireMember } from '../src/app/access.js';
import { getTaskDetail } from '../src/app/tasks/task-detail.js';
import { currentYear, listTaskSummaries } from '../src/app/tasks/task-queries.js';
import { searchTasks } from '../src/app/tasks/search-tasks.js';
import { UserError } from '../src/errors.js';
import { renderTaskDetail } from '../src/discord/render/task-detail.js';
import { truncate } from '../src/discord/render/pager.js';
import { respondPrivately } from '../src/discord/respond.js';
import type { SlashCommand } from '../src/discord/slash-command.js';

export const definition = {
  name: 'task',
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

const taskNumberSchema = z
  .string()
  .trim()
  .regex(/^\d{1,5}$/, '任务编号应为数字,如 12。请从联想列表中选择任务。')
  .transform(Number)
  .refine((n) => n >= 1, '任务编号从 1 开始。');

export const taskCommand: SlashCommand = {
  definition,
  async execute(interaction, ctx) {
    requireMember(ctx.access);
    const parsed = taskNumberSchema.safeParse(interaction.options.getString('number', true));
    if (!parsed.success) throw new UserError('invalid_task_number', parsed.error.issues[0]?.message ?? '任务编号不正确。');
    const task = await getTaskDetail(ctx.app.db, ctx.workspace.id, ctx.access, parsed.data);
    await respondPrivately(interaction, { embeds: [renderTaskDetail(task)] });
  },
  async autocomplete(interaction, ctx) {
    requireMember(ctx.access);
    const year = await currentYear(ctx.app.db, ctx.workspace.id);
    if (year === null) return interaction.respond([]);
    const typed = interaction.options.getFocused();
    const found = canSeeAllUnits(ctx.access)
      ? await searchTasks(ctx.app.db, ctx.workspace.id, year, typed, 25)
      : (await listTaskSummaries(ctx.app.db, ctx.workspace.id, year, { unitIds: ctx.access.units.map((u) => u.id) }))
          .filter((t) => !typed.trim() || String(t.seq).startsWith(typed.trim()) || t.title.includes(typed.trim()))
          .slice(0, 25);
    await interaction.respond(found.map((t) => ({ name: truncate(`${t.seq}. ${t.title}`, 100), value: String(t.seq) })));
  },
};
