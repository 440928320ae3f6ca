import type { AppContext } from '../context.js';
import { CATCH_UP_MS } from './reconcile-reminders.js';

/** Outbound messages (task notices, coverage warnings, late nudges) older than this are not re-sent. */
const OUTBOUND_RECOVERY_MS = 48 * 60 * 60 * 1000;

/**
 * Puts every delivery that is due and not settled back on the queue, under a fresh job id. This is
 * what rebuilds the queue after Redis lost jobs (a restart without persistence, a crash inside the
 * fsync window): the ledger in Postgres is the record, the queue only a way to get there. A row
 * whose job did survive gets a second job; the ledger claim makes the second one a no-op.
 * Run after the reconcile, which has already settled what is too old to send.
 */
export async function requeueUnsettled(ctx: AppContext): Promise<{ reminders: number; outbound: number }> {
  const scheduler = ctx.scheduler;
  if (!scheduler) return { reminders: 0, outbound: 0 };
  const now = ctx.clock.now();
  const stamp = now.getTime().toString(36);
  const { reminders, outbound } = await ctx.store.deliveries.listUnsettled({
    dueAfter: new Date(now.getTime() - CATCH_UP_MS),
    dueBy: now,
    outboundSince: new Date(now.getTime() - OUTBOUND_RECOVERY_MS),
  });
  if (reminders.length) {
    await scheduler.scheduleReminders(
      reminders.map((row) => ({
        deliveryId: row.id,
        jobId: `recover-r${row.id}-${stamp}`,
        fireAt: row.fireAt,
        lane: row.stage === 'nudge' ? 'interactive' : 'bulk',
      })),
    );
  }
  for (const id of outbound) await scheduler.enqueueOutbound(id, { jobId: `recover-n${id}-${stamp}` });
  return { reminders: reminders.length, outbound: outbound.length };
}
