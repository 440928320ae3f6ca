import type { AppContext } from '../context.js';

/**
 * A leader's own choice to receive the leaders' summaries by DM (/summary dm). It takes effect for the
 * schedules on which a coordinator turned on "私信领导"; returns whether anything changed.
 */
export async function setSummarySubscription(
  ctx: AppContext,
  input: { workspaceId: number; userId: string; subscribe: boolean },
): Promise<{ changed: boolean }> {
  return ctx.store.transaction(async (tx) => {
    const changed = await tx.summaries.setSubscription(input.workspaceId, input.userId, input.subscribe);
    if (changed) await tx.audit.record({ workspaceId: input.workspaceId, actorId: input.userId, action: input.subscribe ? 'summary.dm_on' : 'summary.dm_off' });
    return { changed };
  });
}
