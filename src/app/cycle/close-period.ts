import { UserError } from '../../errors.js';
import type { PeriodRecord } from '../../ports.js';
import type { AppContext } from '../context.js';
import { requirePeriod } from '../cycle/reporting-periods.js';
import { queueAfterCommit } from '../queue-follow-up.js';

/** Closes a reporting period: its reports can no longer be edited, and its pending reminders are cancelled. */
export async function closePeriod(ctx: AppContext, input: { workspaceId: number; actorId: string; periodId: number }): Promise<PeriodRecord> {
  const closed = await ctx.store.transaction(async (tx) => {
    const period = await requirePeriod(tx, input.workspaceId, input.periodId, { lock: 'update' });
    if (period.closed) throw new UserError('already_closed', `“${period.label}”报送周期已经关闭。`);
    const updated = await tx.periods.close(period.id, ctx.clock.now(), input.actorId);
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'period.close',
      subjectType: 'reporting_period',
      subjectId: period.id,
      details: { key: period.key },
    });
    return updated;
  });
  // The reconcile cancels the period's pending reminders and takes their jobs off the queue.
  await queueAfterCommit(ctx, 'reconcile after closing a period', (s) => s.requestReconcile(input.workspaceId));
  return closed;
}
