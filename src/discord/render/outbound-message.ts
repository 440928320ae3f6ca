import { EmbedBuilder } from 'discord.js';
import type { RESTPostAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import type { OutboundPayload } from '../../app/reminders/outbound-messages.js';
import type { FallbackNote } from '../../ports.js';
import { colors } from './colors.js';
import { fitLines, truncate } from './pager.js';

const toneColors = { info: colors.primary, warning: colors.warning, success: colors.success } as const;

/** A notice from the outbound ledger (task actions, notes to coordinators), marker in the footer. */
export function renderOutboundMessage(payload: OutboundPayload, options: { marker: string; fallback: FallbackNote | null }): RESTPostAPIChannelMessageJSONBody {
  const users = payload.mentionUsers ?? [];
  const roles = payload.mentionRoles ?? [];
  const lines = options.fallback ? [`⚠️ 私信无法送达 <@${options.fallback.refusedUserId}>,已改发到此频道。`, '', ...payload.lines] : payload.lines;
  const mentions = [...users.map((id) => `<@${id}>`), ...roles.map((id) => `<@&${id}>`)].join(' ');
  return {
    ...(mentions ? { content: mentions } : {}),
    embeds: [
      new EmbedBuilder()
        .setColor(toneColors[payload.tone])
        .setTitle(truncate(payload.title, 256))
        .setDescription(fitLines(lines, 4000) || '—')
        .setFooter({ text: `督办通知 ${options.marker}` })
        .toJSON(),
    ],
    allowed_mentions: { parse: [], users: [...users], roles: [...roles] },
  };
}
