import {
  ApplicationCommandOptionType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { requireAdmin } from '../src/app/access.js';
import { setupWorkspace } from '../src/app/setup-workspace.js';
import { zhName } from '../src/command-names.js';
import { defineCommand } from '../src/discord/command-kit.js';
import { renderSetupSaved } from '../src/discord/render/setup-view.js';
import { respondPrivately } from '../src/discord/respond.js';

export const definition = {
  name: 'setup',
  name_localizations: zhName('setup'),
  description: 'Set the coordinators role, the leaders role and the summary channel',
  description_localizations: { 'zh-CN': '设置督办人身份组、领导身份组和汇总频道' },
  contexts: [InteractionContextType.Guild],
  default_member_permissions: String(PermissionFlagsBits.ManageGuild),
  options: [
    {
      type: ApplicationCommandOptionType.Role,
      name: 'coordinators',
      name_localizations: { 'zh-CN': '督办人身份组' },
      description: 'Role of the coordinators (justice bureau staff)',
      description_localizations: { 'zh-CN': '督办人(如司法局工作人员)所在的身份组' },
    },
    {
      type: ApplicationCommandOptionType.Role,
      name: 'leaders',
      name_localizations: { 'zh-CN': '领导身份组' },
      description: 'Role of the leaders who receive summaries',
      description_localizations: { 'zh-CN': '接收汇总和排名的领导所在的身份组' },
    },
    {
      type: ApplicationCommandOptionType.Channel,
      name: 'summary_channel',
      name_localizations: { 'zh-CN': '汇总频道' },
      description: 'Channel for summaries, rankings and escalations',
      description_localizations: { 'zh-CN': '发布汇总、排名和逾期升级提醒的频道' },
      channel_types: [ChannelType.GuildText],
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'region',
      name_localizations: { 'zh-CN': '地区名称' },
      description: 'Name of the district or county, e.g. 清河区',
      description_localizations: { 'zh-CN': '区县名称,如“清河区”,用于报告标题' },
      max_length: 20,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const setupCommand = defineCommand({
  definition,
  async run(interaction, ctx, { coordinators, leaders, summary_channel: channel, region }) {
    requireAdmin(ctx.access);
    const regionName = region?.trim();
    const workspace = await setupWorkspace(ctx.app, {
      workspaceId: ctx.workspace.id,
      actorId: interaction.user.id,
      ...(coordinators ? { coordinatorRoleId: coordinators.id } : {}),
      ...(leaders ? { leaderRoleId: leaders.id } : {}),
      ...(channel ? { summaryChannelId: channel.id } : {}),
      ...(regionName ? { regionName } : {}),
    });
    await respondPrivately(interaction, renderSetupSaved(workspace));
  },
});
