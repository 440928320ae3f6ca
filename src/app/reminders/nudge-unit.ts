import { toLocalDate } from '../../domain/calendar/index.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';
import { loadOwedByUnits } from '../cycle/due-reports.js';
import { requirePeriod } from '../cycle/reporting-periods.js';
import { queueAfterCommit } from '../queue-follow-up.js';
import { newNonce } from './delivery-ids.js';

/**
 * 催办: one extra reminder to a unit, now, listing everything it owes in the period. At most once a
 * day per unit: the ledger's unique (unit, period, 'nudge', local date) says no to a second.
 */
export async function nudgeUnit(
  ctx: AppContext,
  input: { workspaceId: number; actorId: string; unitId: number; periodId: number; timeZone: string },
): Promise<{ deliveryId: number; unitName: string; tasks: number; deferred: boolean }> {
  const now = ctx.clock.now();
  const today = toLocalDate(now, input.timeZone);
  const created = await ctx.store.transaction(async (tx) => {
    const period = await requirePeriod(tx, input.workspaceId, input.periodId);
    if (period.closed) throw new UserError('period_closed', `“${period.label}”报送周期已关闭,无需催办。`);
    const unit = await tx.units.findById(input.workspaceId, input.unitId);
    if (!unit) throw new UserError('unknown_unit', '找不到该单位。');
    const periods = await tx.periods.list(input.workspaceId, period.year);
    const owed = (await loadOwedByUnits(tx, { workspaceId: input.workspaceId, period, periods, unitIds: [unit.id] })).get(unit.id) ?? [];
    if (owed.length === 0) throw new UserError('nothing_owed', `“${unit.name}”已报送${period.label}的全部任务,无需催办。`);
    const deliveryId = await tx.reminders.insertNudge(input.workspaceId, {
      unitId: unit.id,
      periodId: period.id,
      occasion: today,
      fireAt: now,
      nonce: newNonce(),
    });
    if (deliveryId === undefined) throw new UserError('nudged_today', `今天已经催办过“${unit.name}”,每个单位每天最多催办一次。`);
    await tx.audit.record({
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'reminders.nudge',
      subjectType: 'unit',
      subjectId: unit.id,
      details: { periodId: period.id, date: today },
    });
    return { deliveryId, unitName: unit.name, tasks: owed.length };
  });
  const queued = await queueAfterCommit(ctx, 'nudge', (s) =>
    s.scheduleReminders([{ deliveryId: created.deliveryId, jobId: `nudge-${created.deliveryId}`, fireAt: now, lane: 'interactive' }]),
  );
  return { ...created, deferred: !queued };
}
