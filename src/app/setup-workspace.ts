import { z } from 'zod';
import { UserError } from '../errors.js';
import type { Workspace } from '../ports.js';
import type { AppContext } from './context.js';

export interface SetupInput {
  workspaceId: number;
  actorId: string;
  coordinatorRoleId?: string | null;
  leaderRoleId?: string | null;
  summaryChannelId?: string | null;
  regionName?: string | null;
}

/** A district or county name as it heads reports: 清河区, 某某县, 某某市(县级). */
const regionNameSchema = z
  .string()
  .trim()
  .min(2, '地区名称至少需要 2 个字,如“清河区”。')
  .max(20, '地区名称不能超过 20 个字。')
  .regex(/^[\p{Script=Han}A-Za-z0-9（）()·]+$/u, '地区名称只能包含汉字、字母、数字和括号,如“清河区”,请去掉其他符号(如 @、链接或表情)。');

/** Records the coordinators' role, the leaders' role and the summary channel; unspecified ones stay as they are. */
export async function setupWorkspace(ctx: AppContext, input: SetupInput): Promise<Workspace> {
  let regionName = input.regionName;
  if (typeof regionName === 'string') {
    const parsed = regionNameSchema.safeParse(regionName);
    if (!parsed.success) throw new UserError('invalid_region_name', parsed.error.issues[0]?.message ?? '地区名称不正确。');
    regionName = parsed.data;
  }
  const settings = {
    ...(input.coordinatorRoleId !== undefined ? { coordinator_role_id: input.coordinatorRoleId } : {}),
    ...(input.leaderRoleId !== undefined ? { leader_role_id: input.leaderRoleId } : {}),
    ...(input.summaryChannelId !== undefined ? { summary_channel_id: input.summaryChannelId } : {}),
    ...(regionName !== undefined ? { region_name: regionName } : {}),
  };
  return ctx.store.transaction(async (tx) => {
    // Nothing to set: show the settings as they are, without a write or an audit entry.
    if (Object.keys(settings).length === 0) {
      const current = await tx.workspaces.findById(input.workspaceId);
      if (!current) throw new UserError('workspace_not_found', '找不到本服务器的督办工作区,请重新执行命令。');
      return current;
    }
    const workspace = await tx.workspaces.update(input.workspaceId, settings);
    await tx.audit.record({ workspaceId: input.workspaceId, actorId: input.actorId, action: 'workspace.setup', details: settings });
    return workspace;
  });
}
