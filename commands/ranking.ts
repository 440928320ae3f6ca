import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { z } from 'zod';
import { requireCoordinator, requireOverview } from '../src/app/access.js';
import { pickReportYear } from '../src/app/cycle/load-cycle.js';
import { timePhase } from '../src/app/phase-timing.js';
import { awardBonus, changeScoringRules, rankQuarter, rankYear, readScoringRules, setScoringRules, type RankingReport } from '../src/app/ranking/index.js';
import { zhName } from '../src/command-names.js';
import { defineCommand, onSelect, outdatedComponent } from '../src/discord/command-kit.js';
import { rankingIds } from '../src/discord/custom-ids.js';
import { renderBonusAwarded, renderRulesSaved, renderScoringRules } from '../src/discord/render/ranking-rules-view.js';
import { buildRankingFiles, renderRankingView, renderUnitBreakdown } from '../src/discord/render/ranking-view.js';
import { deferPrivately, respondPrivately } from '../src/discord/respond.js';
import type { CommandContext } from '../src/discord/slash-command.js';

const yearOption = {
  type: ApplicationCommandOptionType.Integer,
  name: 'year',
  name_localizations: { 'zh-CN': '年度' },
  description: 'Year (the current work year when left out)',
  description_localizations: { 'zh-CN': '年度(不填为当前工作要点的年度)' },
  min_value: 2000,
  max_value: 2100,
} as const;

function ruleNumber<N extends string>(name: N, label: string, description: string, min: number, max: number) {
  return {
    type: ApplicationCommandOptionType.Number,
    name,
    name_localizations: { 'zh-CN': label },
    description,
    description_localizations: { 'zh-CN': label },
    min_value: min,
    max_value: max,
  } as const;
}

const quarterChoices = ([1, 2, 3, 4] as const).map((q) => ({ name: `Q${q}`, name_localizations: { 'zh-CN': `第${'一二三四'[q - 1]}季度` }, value: q }));

export const definition = {
  name: 'ranking',
  name_localizations: zhName('ranking'),
  description: 'Quarterly and yearly ranking of departments and townships',
  description_localizations: { 'zh-CN': '季度和年度考核排名(部门、镇街分别排名)' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'show',
      name_localizations: { 'zh-CN': '查看' },
      description: 'The ranking with a chart and an Excel workbook',
      description_localizations: { 'zh-CN': '查看排名,附排名图和 Excel 明细' },
      options: [
        yearOption,
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'quarter',
          name_localizations: { 'zh-CN': '季度' },
          description: 'Quarter (the whole year when left out)',
          description_localizations: { 'zh-CN': '季度(不填为全年综合排名)' },
          choices: quarterChoices,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'category',
          name_localizations: { 'zh-CN': '类别' },
          description: 'Only departments or only townships',
          description_localizations: { 'zh-CN': '只看部门或只看镇街' },
          choices: [
            { name: 'departments', name_localizations: { 'zh-CN': '部门' }, value: 'department' },
            { name: 'townships', name_localizations: { 'zh-CN': '镇街' }, value: 'township' },
          ],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'bonus',
      name_localizations: { 'zh-CN': '加分' },
      description: 'Award bonus points to a unit, with a reason',
      description_localizations: { 'zh-CN': '为单位加分(须写明理由,每季度有上限)' },
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'unit',
          name_localizations: { 'zh-CN': '单位' },
          description: 'The unit',
          description_localizations: { 'zh-CN': '加分的单位' },
          required: true,
          autocomplete: true,
          max_length: 50,
        },
        {
          type: ApplicationCommandOptionType.Number,
          name: 'points',
          name_localizations: { 'zh-CN': '分值' },
          description: 'Points',
          description_localizations: { 'zh-CN': '加几分' },
          required: true,
          min_value: 0.5,
          max_value: 100,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'reason',
          name_localizations: { 'zh-CN': '理由' },
          description: 'Why, as units will read it',
          description_localizations: { 'zh-CN': '加分理由(各单位可见)' },
          required: true,
          max_length: 300,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'quarter',
          name_localizations: { 'zh-CN': '季度' },
          description: 'Quarter',
          description_localizations: { 'zh-CN': '计入哪个季度' },
          required: true,
          choices: quarterChoices,
        },
        yearOption,
      ],
    },
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: 'rules',
      name_localizations: { 'zh-CN': '规则' },
      description: 'The scoring rules',
      description_localizations: { 'zh-CN': '考核评分规则' },
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'show',
          name_localizations: { 'zh-CN': '查看' },
          description: 'The scoring rules in plain words',
          description_localizations: { 'zh-CN': '查看考核评分规则' },
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'set',
          name_localizations: { 'zh-CN': '修改' },
          description: 'Change scoring rules (unset options stay as they are)',
          description_localizations: { 'zh-CN': '修改评分规则(未填写的项保持不变)' },
          options: [
            ruleNumber('base', '基础分', 'Base score', 0, 1000),
            ruleNumber('missing', '未报送扣分', 'Points off for a missing report', 0, 1000),
            ruleNumber('late', '逾期报送扣分', 'Points off for a late report', 0, 1000),
            ruleNumber('perfunctory', '敷衍应付扣分', 'Points off for a perfunctory report', 0, 1000),
            ruleNumber('done_on_time', '按时完成加分', 'Points for work done on time', 0, 1000),
            ruleNumber('progress', '进展加分', 'Points for progress (at 100%)', 0, 1000),
            ruleNumber('lead_weight', '牵头权重', 'Weight of lead tasks', 0, 10),
            ruleNumber('support_weight', '配合权重', 'Weight of supporting tasks', 0, 10),
            ruleNumber('excellent', '评价优', 'Points for a report graded excellent', -100, 100),
            ruleNumber('good', '评价良', 'Points for a report graded good', -100, 100),
            ruleNumber('fair', '评价中', 'Points for a report graded fair', -100, 100),
            ruleNumber('poor', '评价差', 'Points for a report graded poor', -100, 100),
            ruleNumber('bonus_cap', '加分上限', 'Bonus cap per unit and quarter', 0, 1000),
            {
              type: ApplicationCommandOptionType.String,
              name: 'yearly',
              name_localizations: { 'zh-CN': '年度计分' },
              description: 'How the year is scored from its quarters',
              description_localizations: { 'zh-CN': '年度得分如何由各季度得出' },
              choices: [
                { name: 'average', name_localizations: { 'zh-CN': '各季度平均' }, value: 'average' },
                { name: 'sum', name_localizations: { 'zh-CN': '各季度求和' }, value: 'sum' },
                { name: 'weighted', name_localizations: { 'zh-CN': '按季度加权' }, value: 'weighted' },
              ],
            },
            {
              type: ApplicationCommandOptionType.String,
              name: 'weights',
              name_localizations: { 'zh-CN': '季度权重' },
              description: 'Four quarter weights, e.g. 1,1,1,2',
              description_localizations: { 'zh-CN': '四个季度的权重,用逗号分隔,如 1,1,1,2' },
              max_length: 40,
            },
            {
              type: ApplicationCommandOptionType.Boolean,
              name: 'reset',
              name_localizations: { 'zh-CN': '恢复默认' },
              description: 'Go back to the default rules',
              description_localizations: { 'zh-CN': '恢复为默认评分规则' },
            },
          ],
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const unitIdSchema = z.coerce.number().int().positive();

async function rank(ctx: CommandContext, year: number, quarter: number | null, category: 'department' | 'township' | null): Promise<RankingReport> {
  const input = { workspaceId: ctx.workspace.id, year, category };
  return quarter
    ? rankQuarter(ctx.app, { ...input, quarter: quarter as 1 | 2 | 3 | 4, withReportText: true })
    : rankYear(ctx.app, { ...input, withReportText: true });
}

/** The asked year, else the year the workspace's cycle is in, else this calendar year. */
const pickYear = (ctx: CommandContext, asked: number | null) => pickReportYear(ctx.app.store, ctx.workspace, ctx.app.clock.now(), asked);

const orUndefined = <T>(value: T | null): T | undefined => value ?? undefined;

export const rankingCommand = defineCommand({
  definition,
  run: {
    async show(interaction, ctx, { year, quarter, category }) {
      requireOverview(ctx.access, 'ranking');
      // Ranking, chart and workbook together can take longer than Discord's 3 seconds.
      await timePhase('ranking-show.defer', () => deferPrivately(interaction));
      // rankQuarter and rankYear refuse a year without a notice and lay out the periods of one that has it.
      const report = await rank(ctx, await pickYear(ctx, year), quarter, category);
      const files = await timePhase('ranking.files', () => buildRankingFiles(report));
      await timePhase('ranking-show.reply', () => respondPrivately(interaction, renderRankingView(report, files)));
    },
    async bonus(interaction, ctx, { unit, points, reason, quarter, year }) {
      requireCoordinator(ctx.access);
      await deferPrivately(interaction);
      const awarded = await awardBonus(ctx.app, {
        workspaceId: ctx.workspace.id,
        actorId: interaction.user.id,
        unitName: unit,
        // awardBonus lays out the year's periods itself, in its transaction: a refused bonus leaves none behind.
        year: await pickYear(ctx, year),
        quarter,
        points,
        reason,
      });
      await respondPrivately(interaction, renderBonusAwarded(awarded));
    },
    async 'rules show'(interaction, ctx) {
      requireOverview(ctx.access, 'ranking');
      await respondPrivately(interaction, { embeds: [renderScoringRules(await readScoringRules(ctx.app, { workspaceId: ctx.workspace.id }))] });
    },
    async 'rules set'(interaction, ctx, o) {
      requireCoordinator(ctx.access);
      const actor = { workspaceId: ctx.workspace.id, actorId: interaction.user.id };
      const view = o.reset
        ? await setScoringRules(ctx.app, { ...actor, rules: null })
        : await changeScoringRules(ctx.app, {
            ...actor,
            changes: {
              base: orUndefined(o.base),
              missingReport: orUndefined(o.missing),
              lateReport: orUndefined(o.late),
              perfunctoryReport: orUndefined(o.perfunctory),
              doneOnTime: orUndefined(o.done_on_time),
              progress: orUndefined(o.progress),
              leadWeight: orUndefined(o.lead_weight),
              supportWeight: orUndefined(o.support_weight),
              excellent: orUndefined(o.excellent),
              good: orUndefined(o.good),
              fair: orUndefined(o.fair),
              poor: orUndefined(o.poor),
              bonusCap: orUndefined(o.bonus_cap),
              yearly: orUndefined(o.yearly),
              quarterWeights: orUndefined(o.weights),
            },
          });
      await respondPrivately(interaction, renderRulesSaved(view));
    },
  },
  async autocomplete(interaction, ctx) {
    requireCoordinator(ctx.access);
    const names = await ctx.app.store.units.searchNames(ctx.workspace.id, interaction.options.getFocused(), 25);
    await interaction.respond(names.map((name) => ({ name, value: name })));
  },
  components: {
    codec: rankingIds,
    handlers: {
      detail: onSelect(async (interaction, ctx, [year, quarter]) => {
        requireOverview(ctx.access, 'ranking');
        const unitId = unitIdSchema.safeParse(interaction.values[0]);
        if (!unitId.success) throw outdatedComponent();
        await deferPrivately(interaction);
        const report = await rank(ctx, year, quarter === 0 ? null : quarter, null);
        // A unit no longer in the ranking: the menu is from an older ranking.
        const unit = report.units.find((u) => u.unitId === unitId.data);
        if (!unit) throw outdatedComponent();
        await respondPrivately(interaction, { embeds: [renderUnitBreakdown(report, unit)] });
      }),
    },
  },
});
