import { z } from 'zod';
import { reconcileReminders } from '../src/app/reminders/reconcile-reminders.js';
import { requeueUnsettled } from '../src/app/reminders/requeue-unsettled.js';
import { defineJob } from '../src/queue/job-types.js';

/**
 * Re-plans every workspace that has a notice in force: at start-up, daily (a job scheduler) and when
 * Redis comes back after being away, so later periods come into the plan, missed stages are settled,
 * and a lost queue is rebuilt from the ledger (future reminders by the re-plan, due ones by the requeue).
 */
export const reconcileAllJob = defineJob({
  name: 'reconcile-all',
  queue: 'maintenance',
  schema: z.object({}).loose(),
  async process({ app }) {
    const workspaces = await app.store.workspaces.listWithCurrentNotice();
    let failed = 0;
    for (const workspaceId of workspaces) {
      try {
        await reconcileReminders(app, workspaceId);
      } catch (error) {
        // One broken workspace must not stop the others; the daily run tries again.
        failed += 1;
        app.logger.error({ err: error, workspaceId }, 'reconcile failed');
      }
    }
    const requeued = await requeueUnsettled(app);
    return { workspaces: workspaces.length, failed, requeued };
  },
});
