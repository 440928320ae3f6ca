import { recordAudit } from '../../db/repositories/audit.repository.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';
import { requirePeriod, type PeriodRow } from './reporting-periods.js';
import { queueAfterCommit } from '../queue-follow-up.js';

/** Closes a reporting period: its reports can no longer be edited, and its pending reminders are cancelled. */
export async function closePeriod(ctx: AppContext, input: { workspaceId: number; actorId: string; periodId: number }): Promise<PeriodRow> {
  const closed = await ctx.db.transaction().execute(async (trx) => {
    const period = await requirePeriod(trx, input.workspaceId, input.periodId);
    if (period.closed_at !== null) throw new UserError('already_closed', `“${period.label}”报送周期已经关闭。`);
    const updated = await trx
      .updateTable('reporting_periods')
      .set({ closed_at: ctx.clock.now(), closed_by: input.actorId })
      .where('id', '=', period.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { workspaceId: input.workspaceId, actorId: input.actorId, action: 'period.close', subjectType: 'reporting_period', subjectId: period.id, details: { key: period.key } });
    return updated;
  });
  // The reconcile cancels the period's pending reminders and takes their jobs off the queue.
  await queueAfterCommit(ctx, 'reconcile after closing a period', (s) => s.requestReconcile(input.workspaceId));
  return closed;
}
