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
    const workspaces = await app.db.selectFrom('notices').select('workspace_id').where('is_current', '=', true).distinct().execute();
    let failed = 0;
    for (const { workspace_id } of workspaces) {
      try {
        await reconcileReminders(app, workspace_id);
      } catch (error) {
        // One broken workspace must not stop the others; the daily run tries again.
        failed += 1;
        app.logger.error({ err: error, workspaceId: workspace_id }, 'reconcile failed');
      }
    }
    const requeued = await requeueUnsettled(app);
    return { workspaces: workspaces.length, failed, requeued };
  },
});
