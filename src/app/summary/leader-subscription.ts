import { recordAudit } from '../../db/repositories/audit.repository.js';
import type { AppContext } from '../context.js';

/**
 * A leader's own choice to receive the leaders' summaries by DM (/summary dm). It takes effect for the
 * schedules on which a coordinator turned on "私信领导"; returns whether anything changed.
 */
export async function setSummarySubscription(ctx: AppContext, input: { workspaceId: number; userId: string; subscribe: boolean }): Promise<{ changed: boolean }> {
  return ctx.db.transaction().execute(async (trx) => {
    const changed = input.subscribe
      ? (await trx.insertInto('summary_subscribers').values({ workspace_id: input.workspaceId, user_id: input.userId }).onConflict((oc) => oc.doNothing()).executeTakeFirst()).numInsertedOrUpdatedRows === 1n
      : (await trx.deleteFrom('summary_subscribers').where('workspace_id', '=', input.workspaceId).where('user_id', '=', input.userId).executeTakeFirst()).numDeletedRows === 1n;
    if (changed) await recordAudit(trx, { workspaceId: input.workspaceId, actorId: input.userId, action: input.subscribe ? 'summary.dm_on' : 'summary.dm_off' });
    return { changed };
  });
}
