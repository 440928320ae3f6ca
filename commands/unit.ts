import { unitIds } from '../src/discord/custom-ids.js';
import { commandRef, zhName } from '../src/command-names.js';
import {
  ApplicationCommandOptionType,
  ChannelType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { ActionRowBuilder } from 'discord.js';
import { type ButtonBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { requireCoordinator, requireMember } from '../src/app/access.js';
import { bindUnitLiaison, unbindUnitLiaison, type BindingInput } from '../src/app/units/liaison-binding.js';
import { listDirectory } from '../src/app/units/list-directory.js';
import { addAlias, addUnit, setCollective } from '../src/app/units/unit-directory.js';
import type { UnitCategory } from '../src/db/tables/index.js';
import { unitCategoryLabels } from '../src/domain/units/index.js';
import { UserError } from '../src/errors.js';
import { directoryEmbed } from '../src/discord/render/directory-embed.js';
import { pagerRow } from '../src/discord/render/pager.js';
import { respondPrivately } from '../src/discord/respond.js';
import type { CommandContext, SlashCommand } from '../src/discord/slash-command.js';

const unitOption = {
  type: ApplicationCommandOptionType.String,
  name: 'unit',
  name_localizations: { 'zh-CN': '单位' },
  description: 'A unit in the directory',
  description_localizations: { 'zh-CN': '单位目录中的单位' },
  required: true,
  autocomplete: true,
  max_length: 50,
} as const satisfies APIApplicationCommandBasicOption;

const bindingOptions = [
  unitOption,
  {
    type: ApplicationCommandOptionType.User,
    name: 'user',
    name_localizations: { 'zh-CN': '用户' },
    description: 'A person who speaks for the unit',
    description_localizations: { 'zh-CN': '代表该单位的成员' },
  },
  {
    type: ApplicationCommandOptionType.Role,
    name: 'role',
    name_localizations: { 'zh-CN': '身份组' },
    description: 'A role whose members speak for the unit',
    description_localizations: { 'zh-CN': '其成员代表该单位的身份组' },
  },
  {
    type: ApplicationCommandOptionType.Channel,
    name: 'channel',
    name_localizations: { 'zh-CN': '频道' },
    description: "The unit's channel for reminders",
    description_localizations: { 'zh-CN': '该单位接收提醒的频道' },
    channel_types: [ChannelType.GuildText],
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'as',
    name_localizations: { 'zh-CN': '身份' },
    description: 'Liaison (reports) or leader (receives escalations)',
    description_localizations: { 'zh-CN': '联络员(填报进展)或分管领导(接收逾期升级提醒)' },
    choices: [
      { name: 'liaison', name_localizations: { 'zh-CN': '联络员' }, value: 'liaison' },
      { name: 'leader', name_localizations: { 'zh-CN': '分管领导' }, value: 'leader' },
    ],
  },
] as const satisfies APIApplicationCommandBasicOption[];

export const definition = {
  name: 'unit',
  name_localizations: zhName('unit'),
  description: 'Keep the unit directory',
  description_localizations: { 'zh-CN': '维护单位目录' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      name_localizations: { 'zh-CN': '添加' },
      description: 'Add a unit',
      description_localizations: { 'zh-CN': '添加单位' },
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'name',
          name_localizations: { 'zh-CN': '名称' },
          description: 'Full name, e.g. 区司法局',
          description_localizations: { 'zh-CN': '单位全称,如“区司法局”' },
          required: true,
          max_length: 50,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'category',
          name_localizations: { 'zh-CN': '类别' },
          description: 'Ranked within its category',
          description_localizations: { 'zh-CN': '排名在同类别内进行' },
          required: true,
          choices: (['department', 'township', 'other'] as const).map((value) => ({
            name: value,
            name_localizations: { 'zh-CN': unitCategoryLabels[value] },
            value,
          })),
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'alias',
      name_localizations: { 'zh-CN': '别名' },
      description: 'Another name of a unit (e.g. its name before a reorganisation)',
      description_localizations: { 'zh-CN': '为单位添加别名(如机构改革前的名称)' },
      options: [
        unitOption,
        {
          type: ApplicationCommandOptionType.String,
          name: 'alias',
          name_localizations: { 'zh-CN': '别名' },
          description: 'e.g. 区法制局',
          description_localizations: { 'zh-CN': '如“区法制局”' },
          required: true,
          max_length: 50,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'collective',
      name_localizations: { 'zh-CN': '统称' },
      description: 'Say which units a collective name covers',
      description_localizations: { 'zh-CN': '设置统称(如“各镇政府(街道办事处)”)包含哪些单位' },
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'name',
          name_localizations: { 'zh-CN': '统称' },
          description: 'e.g. 各镇政府(街道办事处)',
          description_localizations: { 'zh-CN': '如“各镇政府(街道办事处)”' },
          required: true,
          max_length: 50,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'members',
          name_localizations: { 'zh-CN': '成员单位' },
          description: 'Member units separated by 、 or commas',
          description_localizations: { 'zh-CN': '成员单位,用顿号或逗号分隔' },
          required: true,
          max_length: 2000,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'list',
      name_localizations: { 'zh-CN': '列表' },
      description: 'Show the directory',
      description_localizations: { 'zh-CN': '查看单位目录' },
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'bind',
      name_localizations: { 'zh-CN': '绑定' },
      description: "Bind a unit's liaison or leader",
      description_localizations: { 'zh-CN': '绑定单位的联络员或分管领导' },
      options: bindingOptions,
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'unbind',
      name_localizations: { 'zh-CN': '解绑' },
      description: 'Remove a binding',
      description_localizations: { 'zh-CN': '解除绑定' },
      options: bindingOptions,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

function bindingInput(interaction: ChatInputCommandInteraction, ctx: CommandContext): BindingInput {
  const user = interaction.options.getUser('user');
  const role = interaction.options.getRole('role');
  const channel = interaction.options.getChannel('channel');
  const chosen = [
    user && { kind: 'user' as const, id: user.id },
    role && { kind: 'role' as const, id: role.id },
    channel && { kind: 'channel' as const, id: channel.id },
  ].filter((x): x is { kind: 'user' | 'role' | 'channel'; id: string } => Boolean(x));
  if (chosen.length !== 1) throw new UserError('binding_target', '请在“用户”“身份组”“频道”中选择且只选择一项。');
  const target = chosen[0]!;
  if (target.kind === 'role' && target.id === ctx.workspace.guild_id) throw new UserError('binding_everyone', '不能绑定 @everyone 身份组,请选择具体的身份组。');
  if (target.kind === 'user' && user?.bot) throw new UserError('binding_bot', '不能把机器人绑定为联络员。');
  return {
    workspaceId: ctx.workspace.id,
    actorId: interaction.user.id,
    unitName: interaction.options.getString('unit', true),
    targetKind: target.kind,
    targetId: target.id,
    purpose: (interaction.options.getString('as') ?? 'liaison') as 'liaison' | 'leader',
  };
}

const mention = (kind: 'user' | 'role' | 'channel', id: string) => (kind === 'user' ? `<@${id}>` : kind === 'role' ? `<@&${id}>` : `<#${id}>`);

async function showDirectory(ctx: CommandContext, page: number) {
  const view = await listDirectory(ctx.app.store, ctx.workspace.id);
  const { embed, page: current } = directoryEmbed(view, page);
  const row = pagerRow(current, (target) => unitIds.encode('page', target));
  return { embeds: [embed], components: row ? [row as ActionRowBuilder<ButtonBuilder>] : [] };
}

export const unitCommand: SlashCommand = {
  definition,
  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'list') {
      requireMember(ctx.access);
      await respondPrivately(interaction, await showDirectory(ctx, 0));
      return;
    }
    requireCoordinator(ctx.access);
    const actorId = interaction.user.id;
    const workspaceId = ctx.workspace.id;
    if (sub === 'add') {
      const unit = await addUnit(ctx.app, {
        workspaceId,
        actorId,
        name: interaction.options.getString('name', true),
        category: interaction.options.getString('category', true) as UnitCategory,
      });
      await respondPrivately(interaction, `已添加单位“${unit.name}”(${unitCategoryLabels[unit.category]})。可用 ${commandRef('unit bind')} 绑定其联络员。`);
    } else if (sub === 'alias') {
      const { unit, alias } = await addAlias(ctx.app, {
        workspaceId,
        actorId,
        unitName: interaction.options.getString('unit', true),
        alias: interaction.options.getString('alias', true),
      });
      await respondPrivately(interaction, `已将“${alias}”设为“${unit.name}”的别名,导入时会自动对应。`);
    } else if (sub === 'collective') {
      const members = interaction.options
        .getString('members', true)
        .split(/[、,,;;\s]+/)
        .filter(Boolean);
      const result = await setCollective(ctx.app, { workspaceId, actorId, name: interaction.options.getString('name', true), memberNames: members });
      await respondPrivately(interaction, `统称“${result.name}”现包含 ${result.members.length} 个单位:${result.members.map((m) => m.name).join('、')}。`);
    } else if (sub === 'bind') {
      const input = bindingInput(interaction, ctx);
      // A user from outside the server could never see the reminders or answer them.
      if (input.targetKind === 'user' && !interaction.options.getMember('user')) {
        throw new UserError('binding_not_member', '该用户不是本服务器的成员,不能绑定为联络员或分管领导。请先邀请其加入服务器。');
      }
      const unit = await bindUnitLiaison(ctx.app, input);
      await respondPrivately(
        interaction,
        `已将 ${mention(input.targetKind, input.targetId)} 绑定为“${unit.name}”的${input.purpose === 'leader' ? '分管领导' : '联络员'}。`,
      );
    } else if (sub === 'unbind') {
      const input = bindingInput(interaction, ctx);
      const unit = await unbindUnitLiaison(ctx.app, input);
      await respondPrivately(interaction, `已解除 ${mention(input.targetKind, input.targetId)} 与“${unit.name}”的绑定。`);
    }
  },
  async autocomplete(interaction, ctx) {
    requireMember(ctx.access);
    const focused = interaction.options.getFocused();
    const names = await ctx.app.store.units.searchNames(ctx.workspace.id, focused, 25);
    await interaction.respond(names.map((name) => ({ name, value: name })));
  },
  async component(interaction, ctx, action, args) {
    requireMember(ctx.access);
    if (action === 'page' && interaction.isButton()) {
      await interaction.update(await showDirectory(ctx, Number(args[0] ?? 0)));
    }
  },
};
