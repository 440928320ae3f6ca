import { ApplicationCommandOptionType, ChannelType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { requireCoordinator, requireOverview } from '../src/app/access.js';
import { setSummarySubscription } from '../src/app/summary/leader-subscription.js';
import { readSummarySettings, updateSummarySettings } from '../src/app/summary/summary-settings.js';
import { requestSummaryNow } from '../src/app/summary/summary-trigger.js';
import { commandRef, zhName } from '../src/command-names.js';
import { defineCommand } from '../src/discord/command-kit.js';
import { describeSubscription, digestRequestedNote, renderSummarySettings, summarySavedNote } from '../src/discord/render/summary-settings-view.js';
import { respondPrivately } from '../src/discord/respond.js';
import type { CommandContext } from '../src/discord/slash-command.js';

const weekdays = ['周一', '周二', '周三', '周四', '周五'].map((zh, i) => ({
  name: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][i] ?? zh,
  name_localizations: { 'zh-CN': zh },
  value: i + 1,
}));
const onOff = <N extends string>(name: N, zh: string, description: string) =>
  ({
    type: ApplicationCommandOptionType.Boolean,
    name,
    name_localizations: { 'zh-CN': zh },
    description,
    description_localizations: { 'zh-CN': description },
  }) as const;
const clockTime = <N extends string>(name: N, zh: string, description: string) =>
  ({
    type: ApplicationCommandOptionType.String,
    name,
    name_localizations: { 'zh-CN': zh },
    description: 'Time of day, HH:MM',
    description_localizations: { 'zh-CN': description },
    min_length: 4,
    max_length: 5,
  }) as const;

export const definition = {
  name: 'summary',
  name_localizations: zhName('summary'),
  description: "Leaders' weekly digest and the automatic quarterly ranking",
  description_localizations: { 'zh-CN': '领导汇总:每周工作简报和季度排名自动发布' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'show',
      name_localizations: { 'zh-CN': '查看' },
      description: 'Show the schedules',
      description_localizations: { 'zh-CN': '查看推送设置' },
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'set',
      name_localizations: { 'zh-CN': '设置' },
      description: 'Change the schedules',
      description_localizations: { 'zh-CN': '修改推送设置(不填的项保持不变)' },
      options: [
        onOff('digest', '周报', '开启或关闭每周工作简报'),
        onOff('ranking', '季度排名', '开启或关闭季度排名自动发布'),
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'channel',
          name_localizations: { 'zh-CN': '频道' },
          description: "The leaders' channel (default: the summary channel)",
          description_localizations: { 'zh-CN': '领导频道(默认为汇总频道)' },
          channel_types: [ChannelType.GuildText],
        },
        onOff('dm_leaders', '私信领导', `同时私信领导(各单位绑定的分管领导,及用 ${commandRef('summary dm')} 订阅的领导)`),
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'weekday',
          name_localizations: { 'zh-CN': '星期' },
          description: 'Day of the weekly digest',
          description_localizations: { 'zh-CN': '每周哪天推送简报' },
          choices: weekdays,
        },
        clockTime('time', '时间', '简报推送时间,如 16:00'),
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'grace',
          name_localizations: { 'zh-CN': '宽限工作日' },
          description: 'Workdays after the due date before the ranking is posted',
          description_localizations: { 'zh-CN': '季度报送截止后第几个工作日发布排名' },
          min_value: 0,
          max_value: 30,
        },
        clockTime('ranking_time', '排名时间', '排名发布时间,如 09:00'),
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'now',
      name_localizations: { 'zh-CN': '立即发送' },
      description: 'Post a digest now',
      description_localizations: { 'zh-CN': '立即向领导频道发送一份工作简报' },
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'dm',
      name_localizations: { 'zh-CN': '私信订阅' },
      description: 'Receive the digest and the ranking in your DMs (leaders)',
      description_localizations: { 'zh-CN': '领导本人开启或关闭周报、季度排名的私信推送' },
      options: [{ ...onOff('on', '开启', '是:私信推送给我;否:不再私信'), required: true }],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

async function view(ctx: CommandContext, notice?: string) {
  const workspace = (await ctx.app.store.workspaces.findById(ctx.workspace.id)) ?? ctx.workspace;
  const settings = await readSummarySettings(ctx.app.store, workspace.id, workspace.time_zone);
  return { embeds: [renderSummarySettings(settings, workspace.summary_channel_id, notice)] };
}

const orUndefined = <T>(value: T | null): T | undefined => value ?? undefined;

export const summaryCommand = defineCommand({
  definition,
  run: {
    async show(interaction, ctx) {
      requireCoordinator(ctx.access);
      await respondPrivately(interaction, await view(ctx));
    },
    async set(interaction, ctx, o) {
      requireCoordinator(ctx.access);
      await updateSummarySettings(ctx.app, {
        workspaceId: ctx.workspace.id,
        actorId: interaction.user.id,
        digestEnabled: orUndefined(o.digest),
        rankingEnabled: orUndefined(o.ranking),
        channelId: orUndefined(o.channel?.id ?? null),
        dmLeaders: orUndefined(o.dm_leaders),
        weekday: orUndefined(o.weekday),
        time: orUndefined(o.time),
        graceWorkdays: orUndefined(o.grace),
        rankingTime: orUndefined(o.ranking_time),
      });
      await respondPrivately(interaction, await view(ctx, summarySavedNote));
    },
    async now(interaction, ctx) {
      requireCoordinator(ctx.access);
      // One digest per minute at most: the job id (and ledger key) is the minute it was asked for.
      const minute = ctx.app.clock.now().toISOString().slice(0, 16).replace(/[-:T]/g, '');
      await requestSummaryNow(ctx.app.scheduler, { workspaceId: ctx.workspace.id, kind: 'weekly_digest', key: `now-${minute}` });
      await respondPrivately(interaction, digestRequestedNote);
    },
    // A leader's own DM subscription; the answer says whether DMs are on for any schedule, since a coordinator decides that.
    async dm(interaction, ctx, { on }) {
      requireOverview(ctx.access, 'summary');
      const { changed } = await setSummarySubscription(ctx.app, { workspaceId: ctx.workspace.id, userId: interaction.user.id, subscribe: on });
      const settings = await readSummarySettings(ctx.app.store, ctx.workspace.id, ctx.workspace.time_zone);
      await respondPrivately(interaction, describeSubscription(on, changed, settings));
    },
  },
});
