import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { requireCoordinator, requireOverview } from '../src/app/access.js';
import { closePeriod } from '../src/app/cycle/close-period.js';
import { listCyclePeriods } from '../src/app/cycle/load-cycle.js';
import { requirePeriod } from '../src/app/cycle/reporting-periods.js';
import { buildStatusReport } from '../src/app/progress/status-report.js';
import { nudgeUnit } from '../src/app/reminders/nudge-unit.js';
import { zhName } from '../src/command-names.js';
import { defineCommand, onButton } from '../src/discord/command-kit.js';
import { statusIds } from '../src/discord/custom-ids.js';
import { describeNudge, describePeriodClosed, renderClosePeriodPrompt, renderStatusView } from '../src/discord/render/status-view.js';
import { noMentions, respondPrivately } from '../src/discord/respond.js';
import type { CommandContext } from '../src/discord/slash-command.js';

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

async function view(ctx: CommandContext, periodKey: string | null, notice?: string) {
  const report = await buildStatusReport(ctx.app.store, ctx.workspace, { periodKey, now: ctx.app.clock.now() });
  return { ...renderStatusView(report, { coordinator: ctx.access.isCoordinator, ...(notice ? { notice } : {}) }), allowedMentions: noMentions };
}

export const statusCommand = defineCommand({
  definition,
  async run(interaction, ctx, { period }) {
    requireOverview(ctx.access, 'status');
    await respondPrivately(interaction, await view(ctx, period));
  },
  async autocomplete(interaction, ctx) {
    requireOverview(ctx.access, 'status');
    const typed = interaction.options.getFocused().trim();
    const periods = await listCyclePeriods(ctx.app.store, ctx.workspace, ctx.app.clock.now());
    await interaction.respond(
      periods
        .filter((p) => !typed || p.label.includes(typed) || p.key.includes(typed))
        .slice(0, 25)
        .map((p) => ({ name: p.label, value: p.key })),
    );
  },
  // 催办 and closing a period: coordinators only, checked on every press.
  components: {
    codec: statusIds,
    handlers: {
      nudge: onButton(async (interaction, ctx, [unitId, periodId]) => {
        requireCoordinator(ctx.access);
        const period = await requirePeriod(ctx.app.store, ctx.workspace.id, periodId);
        const nudged = await nudgeUnit(ctx.app, {
          workspaceId: ctx.workspace.id,
          actorId: interaction.user.id,
          unitId,
          periodId: period.id,
          timeZone: ctx.workspace.time_zone,
        });
        await interaction.update(await view(ctx, period.key, describeNudge(nudged)));
      }),
      'close-period': onButton(async (interaction, ctx, [periodId]) => {
        requireCoordinator(ctx.access);
        await respondPrivately(interaction, renderClosePeriodPrompt(await requirePeriod(ctx.app.store, ctx.workspace.id, periodId)));
      }),
      'close-confirm': onButton(async (interaction, ctx, [periodId]) => {
        requireCoordinator(ctx.access);
        const closed = await closePeriod(ctx.app, { workspaceId: ctx.workspace.id, actorId: interaction.user.id, periodId });
        await interaction.update({ content: describePeriodClosed(closed), components: [], allowedMentions: noMentions });
      }),
    },
  },
});
