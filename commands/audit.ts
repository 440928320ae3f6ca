import { ApplicationCommandOptionType, InteractionContextType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { requireCoordinator } from '../src/app/access.js';
import { listAuditEntries, MAX_AUDIT_ENTRIES } from '../src/app/audit/list-audit-entries.js';
import { zhName } from '../src/command-names.js';
import { defineCommand, onButton } from '../src/discord/command-kit.js';
import { auditIds } from '../src/discord/custom-ids.js';
import { renderAuditList } from '../src/discord/render/audit-list.js';
import { pagerRow } from '../src/discord/render/pager.js';
import { noMentions, respondPrivately } from '../src/discord/respond.js';
import type { CommandContext } from '../src/discord/slash-command.js';

const DEFAULT_LIMIT = 50;

export const definition = {
  name: 'audit',
  name_localizations: zhName('audit'),
  description: 'Who changed what, and when (coordinators only)',
  description_localizations: { 'zh-CN': '查看操作记录:谁在何时做了哪些改动(仅督办人)' },
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'limit',
      name_localizations: { 'zh-CN': '条数' },
      description: `How many of the latest entries (default ${DEFAULT_LIMIT})`,
      description_localizations: { 'zh-CN': `查看最近多少条(默认 ${DEFAULT_LIMIT} 条)` },
      min_value: 1,
      max_value: MAX_AUDIT_ENTRIES,
    },
    {
      type: ApplicationCommandOptionType.User,
      name: 'actor',
      name_localizations: { 'zh-CN': '人员' },
      description: 'Only what this person did',
      description_localizations: { 'zh-CN': '只看此人的操作' },
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

interface AuditState {
  limit: number;
  actorId: string | null;
}

async function renderPage(ctx: CommandContext, state: AuditState, page: number) {
  const entries = await listAuditEntries(ctx.app.store, { workspaceId: ctx.workspace.id, limit: state.limit, actorId: state.actorId });
  const { embed, page: current } = renderAuditList(entries, page, state);
  const row = pagerRow(current, (target) => auditIds.encode('page', target, state.limit, state.actorId ?? '0'));
  return { embeds: [embed], components: row ? [row] : [] };
}

export const auditCommand = defineCommand({
  definition,
  async run(interaction, ctx, { limit, actor }) {
    requireCoordinator(ctx.access);
    await respondPrivately(interaction, await renderPage(ctx, { limit: limit ?? DEFAULT_LIMIT, actorId: actor?.id ?? null }, 0));
  },
  components: {
    codec: auditIds,
    handlers: {
      page: onButton(async (interaction, ctx, [page, limit, actor]) => {
        requireCoordinator(ctx.access);
        const state = { limit, actorId: actor === '0' ? null : actor };
        await interaction.update({ ...(await renderPage(ctx, state, page)), allowedMentions: noMentions });
      }),
    },
  },
});
