import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { requireOverview } from '../src/app/access.js';
import { pickReportYear } from '../src/app/cycle/load-cycle.js';
import { draftAnnualReport } from '../src/app/reports/index.js';
import { zhName } from '../src/command-names.js';
import { defineCommand } from '../src/discord/command-kit.js';
import { renderAnnualReportReply } from '../src/discord/render/report-view.js';
import { deferPrivately, respondPrivately } from '../src/discord/respond.js';
import { buildAnnualReportDocx } from '../src/exports/index.js';

export const definition = {
  name: 'report',
  name_localizations: zhName('report'),
  description: 'Drafts of the reports the government writes',
  description_localizations: { 'zh-CN': '起草报告' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'annual',
      name_localizations: { 'zh-CN': '年度报告' },
      description: "A .docx draft of the year's rule-of-law government report",
      description_localizations: { 'zh-CN': '生成年度法治政府建设情况报告草稿(.docx)' },
      options: [
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'year',
          name_localizations: { 'zh-CN': '年度' },
          description: 'Year (the current work year when left out)',
          description_localizations: { 'zh-CN': '年度(不填为当前工作要点的年度)' },
          min_value: 2000,
          max_value: 2100,
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const reportCommand = defineCommand({
  definition,
  run: {
    async annual(interaction, ctx, { year }) {
      requireOverview(ctx.access, 'report');
      // Compiling a year of reports into a .docx can take longer than Discord's 3 seconds.
      await deferPrivately(interaction);
      // The draft reads tasks and reports, not periods: asking for a year lays out nothing for it.
      const draft = await draftAnnualReport(ctx.app, {
        workspaceId: ctx.workspace.id,
        year: await pickReportYear(ctx.app.store, ctx.workspace, ctx.app.clock.now(), year),
      });
      await respondPrivately(interaction, renderAnnualReportReply(draft, await buildAnnualReportDocx(draft)));
    },
  },
});
