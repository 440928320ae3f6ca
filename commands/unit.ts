import {
  ApplicationCommandOptionType,
  ChannelType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { ChatInputCommandInteraction } from 'discord.js';
import { requireCoordinator, requireMember } from '../src/app/access.js';
import { bindUnitLiaison, unbindUnitLiaison, type BindingInput } from '../src/app/units/liaison-binding.js';
import { listDirectory } from '../src/app/units/list-directory.js';
import { mergeUnits, previewMerge, renameUnit, restoreUnit, retireUnit } from '../src/app/units/unit-changes.js';
import { addAlias, addUnit, setCollective } from '../src/app/units/unit-directory.js';
import { zhName } from '../src/command-names.js';
import { unitCategoryLabels } from '../src/domain/units/index.js';
import { UserError } from '../src/errors.js';
import { defineCommand, onButton, type ArgsOf } from '../src/discord/command-kit.js';
import { unitIds } from '../src/discord/custom-ids.js';
import { directoryEmbed } from '../src/discord/render/directory-embed.js';
import { pagerRow } from '../src/discord/render/pager.js';
import {
  describeAliasAdded,
  describeBinding,
  describeCollective,
  describeMerge,
  mergeCancelled,
  mergePreview,
  describeRename,
  describeRestore,
  describeRetire,
  describeUnitAdded,
} from '../src/discord/render/unit-change-views.js';
import { deferPrivately, noMentions, respondPrivately } from '../src/discord/respond.js';
import type { CommandContext } from '../src/discord/slash-command.js';

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
      name_localizations: zhName('unit add'),
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
      name_localizations: zhName('unit alias'),
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
      name_localizations: zhName('unit collective'),
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
      name_localizations: zhName('unit list'),
      description: 'Show the directory',
      description_localizations: { 'zh-CN': '查看单位目录' },
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'bind',
      name_localizations: zhName('unit bind'),
      description: "Bind a unit's liaison or leader",
      description_localizations: { 'zh-CN': '绑定单位的联络员或分管领导' },
      options: bindingOptions,
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'unbind',
      name_localizations: zhName('unit unbind'),
      description: 'Remove a binding',
      description_localizations: { 'zh-CN': '解除绑定' },
      options: bindingOptions,
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'merge',
      name_localizations: zhName('unit merge'),
      description: 'Merge a duplicate unit into another (its name becomes an alias)',
      description_localizations: { 'zh-CN': '合并重复单位:任务、进展、绑定和分数转入保留单位,原名称成为别名' },
      options: [
        {
          ...unitOption,
          name: 'from',
          name_localizations: { 'zh-CN': '被合并单位' },
          description: 'The duplicate, e.g. 区经信局',
          description_localizations: { 'zh-CN': '重复的单位,如“区经信局”' },
        },
        {
          ...unitOption,
          name: 'into',
          name_localizations: { 'zh-CN': '保留单位' },
          description: 'The unit that stays, e.g. 区经济和信息化局',
          description_localizations: { 'zh-CN': '保留的单位,如“区经济和信息化局”' },
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'rename',
      name_localizations: zhName('unit rename'),
      description: 'Rename a unit (the old name becomes an alias)',
      description_localizations: { 'zh-CN': '单位改名(原名称成为别名)' },
      options: [
        unitOption,
        {
          type: ApplicationCommandOptionType.String,
          name: 'name',
          name_localizations: { 'zh-CN': '新名称' },
          description: 'The new full name',
          description_localizations: { 'zh-CN': '新的单位全称' },
          required: true,
          max_length: 50,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'retire',
      name_localizations: zhName('unit retire'),
      description: 'Retire a unit: no reminders, not ranked; its reports are kept',
      description_localizations: { 'zh-CN': '停用单位:不再提醒、不参加排名,已报送的进展保留' },
      options: [unitOption],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'restore',
      name_localizations: zhName('unit restore'),
      description: 'Bring a retired unit back',
      description_localizations: { 'zh-CN': '恢复已停用的单位' },
      options: [unitOption],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

type BindingArgs = ArgsOf<typeof bindingOptions>;

function bindingInput(interaction: ChatInputCommandInteraction, ctx: CommandContext, args: BindingArgs): BindingInput {
  const { user, role, channel } = args;
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
    unitName: args.unit,
    targetKind: target.kind,
    targetId: target.id,
    purpose: args.as ?? 'liaison',
  };
}

async function showDirectory(ctx: CommandContext, page: number) {
  const view = await listDirectory(ctx.app.store, ctx.workspace.id);
  const { embed, page: current } = directoryEmbed(view, page);
  const row = pagerRow(current, (target) => unitIds.encode('page', target));
  return { embeds: [embed], components: row ? [row] : [] };
}

const actor = (interaction: ChatInputCommandInteraction, ctx: CommandContext) => ({ workspaceId: ctx.workspace.id, actorId: interaction.user.id });

export const unitCommand = defineCommand({
  definition,
  run: {
    async list(interaction, ctx) {
      requireMember(ctx.access);
      await respondPrivately(interaction, await showDirectory(ctx, 0));
    },
    async add(interaction, ctx, { name, category }) {
      requireCoordinator(ctx.access);
      await respondPrivately(interaction, describeUnitAdded(await addUnit(ctx.app, { ...actor(interaction, ctx), name, category })));
    },
    async alias(interaction, ctx, { unit: unitName, alias }) {
      requireCoordinator(ctx.access);
      const added = await addAlias(ctx.app, { ...actor(interaction, ctx), unitName, alias });
      await respondPrivately(interaction, describeAliasAdded(added.unit, added.alias));
    },
    async collective(interaction, ctx, { name, members }) {
      requireCoordinator(ctx.access);
      const memberNames = members.split(/[、,,;;\s]+/).filter(Boolean);
      const result = await setCollective(ctx.app, { ...actor(interaction, ctx), name, memberNames });
      await respondPrivately(interaction, describeCollective(result.name, result.members));
    },
    async bind(interaction, ctx, args) {
      requireCoordinator(ctx.access);
      const input = bindingInput(interaction, ctx, args);
      // A user from outside the server could never see the reminders or answer them.
      if (input.targetKind === 'user' && !interaction.options.getMember('user')) {
        throw new UserError('binding_not_member', '该用户不是本服务器的成员,不能绑定为联络员或分管领导。请先邀请其加入服务器。');
      }
      const unit = await bindUnitLiaison(ctx.app, input);
      await respondPrivately(interaction, describeBinding(input.targetKind, input.targetId, unit, input.purpose, true));
    },
    async unbind(interaction, ctx, args) {
      requireCoordinator(ctx.access);
      const input = bindingInput(interaction, ctx, args);
      const unit = await unbindUnitLiaison(ctx.app, input);
      await respondPrivately(interaction, describeBinding(input.targetKind, input.targetId, unit, input.purpose, false));
    },
    async merge(interaction, ctx, { from, into }) {
      requireCoordinator(ctx.access);
      const pair = await previewMerge(ctx.app, { ...actor(interaction, ctx), fromName: from, intoName: into });
      await respondPrivately(interaction, mergePreview(pair.from, pair.into));
    },
    async rename(interaction, ctx, { unit, name }) {
      requireCoordinator(ctx.access);
      await respondPrivately(interaction, describeRename(await renameUnit(ctx.app, { ...actor(interaction, ctx), unitName: unit, newName: name })));
    },
    async retire(interaction, ctx, { unit }) {
      requireCoordinator(ctx.access);
      await deferPrivately(interaction);
      await respondPrivately(interaction, describeRetire(await retireUnit(ctx.app, { ...actor(interaction, ctx), unitName: unit })));
    },
    async restore(interaction, ctx, { unit }) {
      requireCoordinator(ctx.access);
      await deferPrivately(interaction);
      await respondPrivately(interaction, describeRestore(await restoreUnit(ctx.app, { ...actor(interaction, ctx), unitName: unit })));
    },
  },
  async autocomplete(interaction, ctx) {
    requireMember(ctx.access);
    const focused = interaction.options.getFocused();
    const names = await ctx.app.store.units.searchNames(ctx.workspace.id, focused, 25);
    await interaction.respond(names.map((name) => ({ name, value: name })));
  },
  components: {
    codec: unitIds,
    handlers: {
      page: onButton(async (interaction, ctx, [page]) => {
        requireMember(ctx.access);
        await interaction.update({ ...(await showDirectory(ctx, page)), allowedMentions: noMentions });
      }),
      merge: onButton(async (interaction, ctx, [fromId, intoId]) => {
        requireCoordinator(ctx.access);
        await interaction.deferUpdate();
        const result = await mergeUnits(ctx.app, { workspaceId: ctx.workspace.id, actorId: interaction.user.id, fromId, intoId });
        await interaction.editReply({ content: describeMerge(result), components: [], allowedMentions: noMentions });
      }),
      'merge-cancel': onButton(async (interaction, ctx) => {
        requireCoordinator(ctx.access);
        await interaction.update({ content: mergeCancelled, components: [], allowedMentions: noMentions });
      }),
    },
  },
});
