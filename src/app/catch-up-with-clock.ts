import type { AppContext } from './context.js';
import { reconcileReminders } from './reminders/reconcile-reminders.js';
import { requeueUnsettled } from './reminders/requeue-unsettled.js';
import { listDueSummaries } from './summary/due-summaries.js';

export interface CatchUpResult {
  workspaces: number;
  /** Reminder deliveries that were due by the clock and put on the queue to go now. */
  reminders: number;
  /** Leaders' summaries (digests, quarterly rankings) owed by the clock and asked for now. */
  summaries: number;
}

/**
 * Everything the app clock makes due, sent now rather than at the real time its queue jobs were
 * delayed to: for a clock moved ahead of real time (the sandbox's /time). The reminders are re-planned
 * by the new time (stages long past are settled as missed, as after downtime), the due ones queued to
 * go at once (the ledger makes their original delayed jobs no-ops when they fire), and the summaries
 * the schedules owe by then are posted.
 */
export async function catchUpWithClock(ctx: AppContext): Promise<CatchUpResult> {
  const workspaces = await ctx.store.workspaces.listWithCurrentNotice();
  for (const workspaceId of workspaces) await reconcileReminders(ctx, workspaceId);
  const { reminders } = await requeueUnsettled(ctx);
  let summaries = 0;
  for (const workspaceId of await ctx.store.summaries.listWorkspacesWithSchedules()) {
    for (const occurrence of await listDueSummaries(ctx, workspaceId)) {
      await ctx.scheduler?.requestSummary(occurrence);
      summaries += 1;
    }
  }
  return { workspaces: workspaces.length, reminders, summaries };
}
