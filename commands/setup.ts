import { commandRef, zhName } from '../src/command-names.js';
import {
  ApplicationCommandOptionType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { requireAdmin } from '../src/app/access.js';
import { setupWorkspace } from '../src/app/setup-workspace.js';
import { respondPrivately } from '../src/discord/respond.js';
import type { SlashCommand } from '../src/discord/slash-command.js';

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

export const setupCommand: SlashCommand = {
  definition,
  async execute(interaction, ctx) {
    requireAdmin(ctx.access);
    const coordinators = interaction.options.getRole('coordinators');
    const leaders = interaction.options.getRole('leaders');
    const channel = interaction.options.getChannel('summary_channel');
    const region = interaction.options.getString('region')?.trim();
    const workspace = await setupWorkspace(ctx.app, {
      workspaceId: ctx.workspace.id,
      actorId: interaction.user.id,
      ...(coordinators ? { coordinatorRoleId: coordinators.id } : {}),
      ...(leaders ? { leaderRoleId: leaders.id } : {}),
      ...(channel ? { summaryChannelId: channel.id } : {}),
      ...(region ? { regionName: region } : {}),
    });
    const show = (id: string | null, kind: 'role' | 'channel') => (id ? (kind === 'role' ? `<@&${id}>` : `<#${id}>`) : '未设置');
    await respondPrivately(
      interaction,
      [
        '督办设置已保存:',
        `• 督办人身份组:${show(workspace.coordinator_role_id, 'role')}`,
        `• 领导身份组:${show(workspace.leader_role_id, 'role')}`,
        `• 汇总频道:${show(workspace.summary_channel_id, 'channel')}`,
        `• 地区名称:${workspace.region_name ?? '未设置'}`,
        '',
        `下一步:用 ${commandRef('unit add')} 建立单位目录,再用 ${commandRef('notice import')} 导入工作要点。`,
      ].join('\n'),
    );
  },
};
