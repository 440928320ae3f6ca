import { recordAudit } from '../../db/repositories/audit.repository.js';
import { toLocalDate } from '../../domain/calendar/index.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';
import { requirePeriod } from '../periods/reporting-periods.js';
import { newNonce } from './delivery-ids.js';
import { listWaitingTasks } from './waiting-tasks.js';
import { queueAfterCommit } from '../queue-follow-up.js';

/**
 * 催办: one extra reminder to a unit, now, listing everything it owes in the period. At most once a
 * day per unit: the ledger's unique (unit, period, 'nudge', local date) says no to a second.
 */
export async function nudgeUnit(ctx: AppContext, input: { workspaceId: number; actorId: string; unitId: number; periodId: number; timeZone: string }): Promise<{ deliveryId: number; unitName: string; tasks: number; deferred: boolean }> {
  const now = ctx.clock.now();
  const today = toLocalDate(now, input.timeZone);
  const created = await ctx.db.transaction().execute(async (trx) => {
    const period = await requirePeriod(trx, input.workspaceId, input.periodId);
    if (period.closed_at !== null) throw new UserError('period_closed', `“${period.label}”报送周期已关闭,无需催办。`);
    const unit = await trx.selectFrom('units').select(['id', 'name']).where('id', '=', input.unitId).where('workspace_id', '=', input.workspaceId).executeTakeFirst();
    if (!unit) throw new UserError('unknown_unit', '找不到该单位。');
    const owed = (await listWaitingTasks(trx, { workspaceId: input.workspaceId, year: period.year, periodId: period.id, unitIds: [unit.id] })).get(unit.id) ?? [];
    if (owed.length === 0) throw new UserError('nothing_owed', `“${unit.name}”已报送${period.label}的全部任务,无需催办。`);
    const row = await trx
      .insertInto('reminder_deliveries')
      .values({ workspace_id: input.workspaceId, unit_id: unit.id, period_id: period.id, stage: 'nudge', occasion: today, audience: 'liaison', fire_at: now, nonce: newNonce() })
      .onConflict((oc) => oc.columns(['unit_id', 'period_id', 'stage', 'occasion']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new UserError('nudged_today', `今天已经催办过“${unit.name}”,每个单位每天最多催办一次。`);
    await recordAudit(trx, { workspaceId: input.workspaceId, actorId: input.actorId, action: 'reminders.nudge', subjectType: 'unit', subjectId: unit.id, details: { periodId: period.id, date: today } });
    return { deliveryId: row.id, unitName: unit.name, tasks: owed.length };
  });
  const queued = await queueAfterCommit(ctx, 'nudge', (s) => s.scheduleReminders([{ deliveryId: created.deliveryId, jobId: `nudge-${created.deliveryId}`, fireAt: now, lane: 'interactive' }]));
  return { ...created, deferred: !queued };
}
