import { recordAudit } from '../db/repositories/audit.repository.js';
import { updateWorkspaceSettings, type Workspace } from '../db/repositories/workspace.repository.js';
import type { AppContext } from './context.js';

export interface SetupInput {
  workspaceId: number;
  actorId: string;
  coordinatorRoleId?: string | null;
  leaderRoleId?: string | null;
  summaryChannelId?: string | null;
  regionName?: string | null;
}

/** Records the coordinators' role, the leaders' role and the summary channel; unspecified ones stay as they are. */
export async function setupWorkspace(ctx: AppContext, input: SetupInput): Promise<Workspace> {
  return ctx.db.transaction().execute(async (trx) => {
    const settings = {
      ...(input.coordinatorRoleId !== undefined ? { coordinator_role_id: input.coordinatorRoleId } : {}),
      ...(input.leaderRoleId !== undefined ? { leader_role_id: input.leaderRoleId } : {}),
      ...(input.summaryChannelId !== undefined ? { summary_channel_id: input.summaryChannelId } : {}),
      ...(input.regionName !== undefined ? { region_name: input.regionName } : {}),
    };
    const workspace = await updateWorkspaceSettings(trx, input.workspaceId, settings);
    await recordAudit(trx, { workspaceId: input.workspaceId, actorId: input.actorId, action: 'workspace.setup', details: settings });
    return workspace;
  });
}
