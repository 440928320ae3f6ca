import { ApplicationCommandOptionType, ChannelType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { requireCoordinator } from '../src/app/access.js';
import { readSummarySettings, updateSummarySettings } from '../src/app/summary/summary-settings.js';
import { requestSummaryNow } from '../src/app/summary/summary-trigger.js';
import { findWorkspaceById } from '../src/db/repositories/workspace.repository.js';
import { renderSummarySettings } from '../src/discord/render/summary-settings-view.js';
import { respondPrivately } from '../src/discord/respond.js';
import type { CommandContext, SlashCommand } from '../src/discord/slash-command.js';

const weekdays = ['周一', '周二', '周三', '周四', '周五'].map((zh, i) => ({ name: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][i] ?? zh, name_localizations: { 'zh-CN': zh }, value: i + 1 }));
const onOff = (name: string, zh: string, description: string) =>
  ({ type: ApplicationCommandOptionType.Boolean, name, name_localizations: { 'zh-CN': zh }, description, description_localizations: { 'zh-CN': description } }) as const;
const clockTime = (name: string, zh: string, description: string) =>
  ({ type: ApplicationCommandOptionType.String, name, name_localizations: { 'zh-CN': zh }, description: 'Time of day, HH:MM', description_localizations: { 'zh-CN': description }, min_length: 4, max_length: 5 }) as const;

export const definition = {
  name: 'summary',
  description: "Leaders' weekly digest and the automatic quarterly ranking",
  description_localizations: { 'zh-CN': '领导汇总:每周工作简报和季度排名自动发布' },
  contexts: [InteractionContextType.Guild],
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: 'show', name_localizations: { 'zh-CN': '查看' }, description: 'Show the schedules', description_localizations: { 'zh-CN': '查看推送设置' } },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'set',
      name_localizations: { 'zh-CN': '设置' },
      description: 'Change the schedules',
      description_localizations: { 'zh-CN': '修改推送设置(不填的项保持不变)' },
      options: [
        onOff('digest', '周报', '开启或关闭每周工作简报'),
        onOff('ranking', '季度排名', '开启或关闭季度排名自动发布'),
        { type: ApplicationCommandOptionType.Channel, name: 'channel', name_localizations: { 'zh-CN': '频道' }, description: "The leaders' channel (default: the summary channel)", description_localizations: { 'zh-CN': '领导频道(默认为汇总频道)' }, channel_types: [ChannelType.GuildText] },
        onOff('dm_leaders', '私信领导', '同时私信各单位绑定的领导'),
        { type: ApplicationCommandOptionType.Integer, name: 'weekday', name_localizations: { 'zh-CN': '星期' }, description: 'Day of the weekly digest', description_localizations: { 'zh-CN': '每周哪天推送简报' }, choices: weekdays },
        clockTime('time', '时间', '简报推送时间,如 16:00'),
        { type: ApplicationCommandOptionType.Integer, name: 'grace', name_localizations: { 'zh-CN': '宽限工作日' }, description: 'Workdays after the due date before the ranking is posted', description_localizations: { 'zh-CN': '季度报送截止后第几个工作日发布排名' }, min_value: 0, max_value: 30 },
        clockTime('ranking_time', '排名时间', '排名发布时间,如 09:00'),
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'now', name_localizations: { 'zh-CN': '立即发送' }, description: 'Post a digest now', description_localizations: { 'zh-CN': '立即向领导频道发送一份工作简报' } },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

async function view(ctx: CommandContext, notice?: string) {
  const workspace = (await findWorkspaceById(ctx.app.db, ctx.workspace.id)) ?? ctx.workspace;
  const settings = await readSummarySettings(ctx.app.db, workspace.id, workspace.time_zone);
  return { embeds: [renderSummarySettings(settings, workspace.summary_channel_id, notice)] };
}

export const summaryCommand: SlashCommand = {
  definition,
  async execute(interaction, ctx) {
    requireCoordinator(ctx.access);
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'show') {
      await respondPrivately(interaction, await view(ctx));
    } else if (sub === 'set') {
      const o = interaction.options;
      const opt = <T>(value: T | null) => (value === null ? undefined : value);
      await updateSummarySettings(ctx.app, {
        workspaceId: ctx.workspace.id,
        actorId: interaction.user.id,
        digestEnabled: opt(o.getBoolean('digest')),
        rankingEnabled: opt(o.getBoolean('ranking')),
        channelId: opt(o.getChannel('channel')?.id ?? null),
        dmLeaders: opt(o.getBoolean('dm_leaders')),
        weekday: opt(o.getInteger('weekday')),
        time: opt(o.getString('time')),
        graceWorkdays: opt(o.getInteger('grace')),
        rankingTime: opt(o.getString('ranking_time')),
      });
      await respondPrivately(interaction, await view(ctx, '✅ 已保存。'));
    } else {
      // One digest per minute at most: the job id (and ledger key) is the minute it was asked for.
      const minute = ctx.app.clock.now().toISOString().slice(0, 16).replace(/[-:T]/g, '');
      await requestSummaryNow(ctx.app.scheduler, { workspaceId: ctx.workspace.id, kind: 'weekly_digest', key: `now-${minute}` });
      await respondPrivately(interaction, '已安排发送一份工作简报到领导频道,稍后即到。');
    }
  },
};
