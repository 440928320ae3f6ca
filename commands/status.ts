import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { commandRef, zhName } from '../src/command-names.js';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { z } from 'zod';
import { canSeeAllUnits, requireCoordinator } from '../src/app/access.js';
import { closePeriod } from '../src/app/cycle/close-period.js';
import { listCyclePeriods } from '../src/app/cycle/load-cycle.js';
import { requirePeriod } from '../src/app/cycle/reporting-periods.js';
import { buildStatusReport } from '../src/app/progress/status-report.js';
import { nudgeUnit } from '../src/app/reminders/nudge-unit.js';
import { UserError } from '../src/errors.js';
import { renderStatusView } from '../src/discord/render/status-view.js';
import { noMentions, respondPrivately } from '../src/discord/respond.js';
import { customId, type CommandContext, type SlashCommand } from '../src/discord/slash-command.js';
import { QUEUE_DEFERRED_NOTE } from '../src/app/queue-follow-up.js';

export const definition = {
  name: 'status',
  name_localizations: zhName('status'),
  description: 'Who has and has not reported in a period; overdue and blocked tasks',
  description_localizations: { 'zh-CN': '报送情况:未报送名单、逾期和受阻任务,可一键催办' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'period',
      name_localizations: { 'zh-CN': '周期' },
      description: 'Reporting period (the current one when left out)',
      description_localizations: { 'zh-CN': '报送周期(不填为当前周期)' },
      autocomplete: true,
      max_length: 60,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const idSchema = z.coerce.number().int().positive();

function readId(raw: string | undefined): number {
  const parsed = idSchema.safeParse(raw);
  if (!parsed.success) throw new UserError('bad_custom_id', `这个按钮已失效,请重新执行 ${commandRef('status')}。`);
  return parsed.data;
}

function requireReader(ctx: CommandContext): void {
  if (!canSeeAllUnits(ctx.access)) throw new UserError('forbidden_status', `报送情况仅限督办人和领导查看。联络员可用 ${commandRef('tasks')} 查看本单位任务。`);
}

async function view(ctx: CommandContext, periodKey: string | null, notice?: string) {
  const report = await buildStatusReport(ctx.app.store, ctx.workspace, { periodKey, now: ctx.app.clock.now() });
  return { ...renderStatusView(report, { coordinator: ctx.access.isCoordinator, ...(notice ? { notice } : {}) }), allowedMentions: noMentions };
}

export const statusCommand: SlashCommand = {
  definition,
  async execute(interaction, ctx) {
    requireReader(ctx);
    await respondPrivately(interaction, await view(ctx, interaction.options.getString('period')));
  },
  async autocomplete(interaction, ctx) {
    requireReader(ctx);
    const typed = interaction.options.getFocused().trim();
    const periods = await listCyclePeriods(ctx.app.store, ctx.workspace, ctx.app.clock.now());
    await interaction.respond(
      periods
        .filter((p) => !typed || p.label.includes(typed) || p.key.includes(typed))
        .slice(0, 25)
        .map((p) => ({ name: p.label, value: p.key })),
    );
  },
  async component(interaction, ctx, action, args) {
    requireCoordinator(ctx.access);
    if (!interaction.isButton()) return;
    if (action === 'nudge') {
      const unitId = readId(args[0]);
      const period = await requirePeriod(ctx.app.store, ctx.workspace.id, readId(args[1]));
      const nudged = await nudgeUnit(ctx.app, {
        workspaceId: ctx.workspace.id,
        actorId: interaction.user.id,
        unitId,
        periodId: period.id,
        timeZone: ctx.workspace.time_zone,
      });
      await interaction.update(
        await view(
          ctx,
          period.key,
          nudged.deferred
            ? `✅ 已记录对“${nudged.unitName}”的催办(${nudged.tasks} 项待报任务)。${QUEUE_DEFERRED_NOTE}`
            : `✅ 已向“${nudged.unitName}”发出催办(列出 ${nudged.tasks} 项待报任务)。`,
        ),
      );
    } else if (action === 'close-period') {
      const period = await requirePeriod(ctx.app.store, ctx.workspace.id, readId(args[0]));
      await respondPrivately(interaction, {
        content: `确定关闭“${period.label}”报送周期吗?关闭后各单位不能再修改本期进展,尚未发出的提醒将取消。`,
        components: [
          new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder()
              .setCustomId(customId('status', 'close-confirm', period.id))
              .setLabel('确认关闭')
              .setStyle(ButtonStyle.Danger),
          ),
        ],
      });
    } else if (action === 'close-confirm') {
      const closed = await closePeriod(ctx.app, { workspaceId: ctx.workspace.id, actorId: interaction.user.id, periodId: readId(args[0]) });
      await interaction.update({ content: `已关闭“${closed.label}”报送周期。`, components: [], allowedMentions: noMentions });
    }
  },
};
