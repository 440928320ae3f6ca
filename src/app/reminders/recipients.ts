import { commandRef } from '../../command-names.js';
import type { Repositories, SendTarget, Workspace } from '../../ports.js';

export interface Recipient {
  primary: SendTarget;
  /** Where the message goes when the DM is refused (403): the unit's channel, else the coordinators'. */
  fallback: SendTarget | null;
  /** Only these may be pinged: the unit's liaisons or leader, the coordinators. Never @everyone. */
  mentionUsers: string[];
  mentionRoles: string[];
  /** True when the fallback is the coordinators' own channel, so the message itself tells them. */
  fallbackTellsCoordinators: boolean;
}

export type RecipientResult = { ok: true; recipient: Recipient } | { ok: false; reason: string };

/** The coordinators' channel: the escalation channel if one is set, else the summary channel. */
export function coordinatorsChannelOf(workspace: Pick<Workspace, 'escalation_channel_id' | 'summary_channel_id'>): string | null {
  return workspace.escalation_channel_id ?? workspace.summary_channel_id;
}

async function loadBindings(store: Repositories, workspaceId: number, unitId: number, purpose: 'liaison' | 'leader') {
  const rows = (await store.units.listLiaisons(workspaceId, unitId)).filter((r) => r.purpose === purpose);
  const of = (kind: string) => rows.filter((r) => r.target_kind === kind).map((r) => r.target_id);
  return { users: of('user'), roles: of('role'), channels: of('channel') };
}

/**
 * Who hears about a unit. Liaisons: a DM to the bound person first (falling back to the unit's
 * channel, else the coordinators' channel), else the unit's channel, else the coordinators'
 * channel pinging the unit's role. Escalations go to the coordinators' channel, pinging the unit's
 * leader if one is bound, and the coordinators.
 */
export async function resolveUnitRecipient(
  store: Repositories,
  workspace: Pick<Workspace, 'id' | 'escalation_channel_id' | 'summary_channel_id' | 'coordinator_role_id'>,
  unitId: number,
  audience: 'liaison' | 'escalation',
): Promise<RecipientResult> {
  const coordinators = coordinatorsChannelOf(workspace);
  if (audience === 'escalation') {
    if (!coordinators) return { ok: false, reason: `尚未设置汇总频道,逾期升级提醒无处发送。请管理员用 ${commandRef('setup')} 设置汇总频道后重试。` };
    const leaders = await loadBindings(store, workspace.id, unitId, 'leader');
    return {
      ok: true,
      recipient: {
        primary: { kind: 'channel', channelId: coordinators },
        fallback: null,
        mentionUsers: leaders.users,
        mentionRoles: [...leaders.roles, ...(workspace.coordinator_role_id ? [workspace.coordinator_role_id] : [])],
        fallbackTellsCoordinators: true,
      },
    };
  }
  const liaisons = await loadBindings(store, workspace.id, unitId, 'liaison');
  const unitChannel = liaisons.channels[0];
  const firstUser = liaisons.users[0];
  if (firstUser) {
    const fallbackChannel = unitChannel ?? coordinators;
    return {
      ok: true,
      recipient: {
        primary: { kind: 'dm', userId: firstUser },
        fallback: fallbackChannel ? { kind: 'channel', channelId: fallbackChannel } : null,
        mentionUsers: [firstUser],
        mentionRoles: [],
        fallbackTellsCoordinators: !unitChannel,
      },
    };
  }
  const channel = unitChannel ?? (liaisons.roles.length ? coordinators : null);
  if (!channel) return { ok: false, reason: `该单位尚未绑定联络员或接收频道,提醒无处发送。请督办人用 ${commandRef('unit bind')} 绑定后重试。` };
  return channelRecipient(channel, liaisons.roles, false);
}

/** The coordinators' channel, pinging the coordinators' role. */
export function resolveCoordinatorsRecipient(
  workspace: Pick<Workspace, 'escalation_channel_id' | 'summary_channel_id' | 'coordinator_role_id'>,
): RecipientResult {
  const channel = coordinatorsChannelOf(workspace);
  if (!channel) return { ok: false, reason: `尚未设置汇总频道,给督办人的通知无处发送。请管理员用 ${commandRef('setup')} 设置汇总频道。` };
  return channelRecipient(channel, workspace.coordinator_role_id ? [workspace.coordinator_role_id] : [], true);
}

/** A message to a channel, pinging roles there. */
function channelRecipient(channelId: string, mentionRoles: string[], fallbackTellsCoordinators: boolean): RecipientResult {
  return { ok: true, recipient: { primary: { kind: 'channel', channelId }, fallback: null, mentionUsers: [], mentionRoles, fallbackTellsCoordinators } };
}
