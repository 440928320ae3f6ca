import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { requireMember } from '../src/app/access.js';
import { revokeLedgerLinks } from '../src/app/ledger/index.js';
import { commandRef, zhName } from '../src/command-names.js';
import { defineCommand } from '../src/discord/command-kit.js';
import { respondPrivately } from '../src/discord/respond.js';
import { UserError } from '../src/errors.js';

export const definition = {
  name: 'ledger',
  name_localizations: zhName('ledger'),
  description: 'The supervision ledger in a web browser: a personal link, or end your links',
  description_localizations: { 'zh-CN': '督办台账网页:获取个人链接,或撤销已获取的链接' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'open',
      name_localizations: zhName('ledger open'),
      description: 'A personal link to the ledger (only you see it)',
      description_localizations: { 'zh-CN': '获取个人台账链接(仅你可见,请勿转发)' },
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'revoke',
      name_localizations: zhName('ledger revoke'),
      description: 'End every ledger link you were given in this server',
      description_localizations: { 'zh-CN': '撤销你在本服务器获取的全部台账链接' },
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

export const ledgerCommand = defineCommand({
  definition,
  run: {
    async open(interaction, ctx) {
      // What the link shows follows the same rules as /tasks: nobody outside the work gets one.
      requireMember(ctx.access);
      const links = ctx.app.ledgerLinks;
      if (!links) throw new UserError('ledger_off', '本服务器的督办台账网页未开启。请联系部署督办机器人的管理员设置 LEDGER_PORT。');
      const link = await links.issue({ guildId: ctx.workspace.guild_id, userId: interaction.user.id });
      const until = Math.floor(link.expiresAt.getTime() / 1000);
      await respondPrivately(
        interaction,
        [
          `你的个人督办台账链接(有效至 <t:${until}:f>):`,
          // In angle brackets: Discord shows no preview, so its crawler never opens the link.
          `<${link.url}>`,
          `打开后即以你的身份登录,可查看的内容与你在 Discord 中的权限一致。请勿转发;如不慎泄露,请用 ${commandRef('ledger revoke')} 撤销。`,
        ].join('\n'),
      );
    },
    async revoke(interaction, ctx) {
      await revokeLedgerLinks(ctx.app, { workspaceId: ctx.workspace.id, userId: interaction.user.id });
      await respondPrivately(
        interaction,
        `已撤销你在本服务器获取的全部台账链接,已打开的台账页面也会在下次访问时失效。需要时可再用 ${commandRef('ledger open')} 获取新链接。`,
      );
    },
  },
});
