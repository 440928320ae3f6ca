import { commandRef } from '../../command-names.js';
import type { Repositories } from '../../ports.js';
import type { OutboundPayload } from './outbound-messages.js';
import { createOutboundMessage } from './outbound-messages.js';
import { resolveCoordinatorsRecipient, resolveUnitRecipient, type Recipient } from './recipients.js';

export type PreparedOutbound = { kind: 'send'; recipient: Recipient; payload: OutboundPayload } | { kind: 'cancel' | 'fail'; reason: string };

/** What an outbound message says and to whom, as of now (a unit's liaison may have changed since it was made). */
export async function prepareOutbound(store: Repositories, outboundId: number): Promise<PreparedOutbound> {
  const row = await store.deliveries.findOutbound(outboundId);
  if (!row) return { kind: 'cancel', reason: '通知记录已不存在' };
  const workspace = await store.workspaces.findById(row.workspaceId);
  if (!workspace) return { kind: 'cancel', reason: '工作区已不存在' };
  const resolved =
    row.audience === 'unit' && row.unitId !== null
      ? await resolveUnitRecipient(store, workspace, row.unitId, 'liaison')
      : resolveCoordinatorsRecipient(workspace);
  if (!resolved.ok) return { kind: 'fail', reason: resolved.reason };
  const { recipient } = resolved;
  const stored = row.payload as OutboundPayload;
  return {
    kind: 'send',
    recipient,
    payload: {
      ...stored,
      mentionUsers: [...new Set([...(stored.mentionUsers ?? []), ...recipient.mentionUsers])],
      mentionRoles: [...new Set([...(stored.mentionRoles ?? []), ...recipient.mentionRoles])],
    },
  };
}

/**
 * A liaison's reminder went to the fallback channel because their DMs are closed: the coordinators
 * are told once, so they can ask the liaison to open DMs or bind a channel. Its id when new.
 */
export async function noteDmFallback(
  store: Repositories,
  input: { deliveryId: number; workspaceId: number; unitName: string; refusedUserId: string; channelId: string },
): Promise<number | undefined> {
  return createOutboundMessage(store, {
    workspaceId: input.workspaceId,
    kind: 'dm_fallback',
    dedupeKey: `dm-fallback-r${input.deliveryId}`,
    audience: 'coordinators',
    unitId: null,
    payload: {
      title: '提醒私信未能送达',
      lines: [
        `“${input.unitName}”的联络员 <@${input.refusedUserId}> 不接收私信,提醒已改发到 <#${input.channelId}>。`,
        `建议请其开启“允许服务器成员私信”,或用 ${commandRef('unit bind')} 改绑接收频道。`,
      ],
      tone: 'warning',
    },
  });
}

/** The queue gave up on a delivery: the row is marked failed with the last error's reason (in Chinese), for /reminders failed. */
export async function markGaveUp(store: Repositories, table: 'reminder_deliveries' | 'outbound_messages', id: number, reason: string): Promise<void> {
  await store.deliveries.markFailed(table, id, `多次重试后仍未发出:${reason}`.slice(0, 500));
}
