import { z } from 'zod';
import { listDueSummaries } from '../src/app/summary/due-summaries.js';
import { defineJob } from '../src/queue/job-types.js';
import { publishSummary } from './post-summary.js';

/**
 * Every few minutes (a job scheduler): posts what the leaders' schedules owe by the app clock. The
 * ledger makes a second tick for the same occurrence a no-op, and a tick after downtime catches up.
 */
export const summaryTickJob = defineJob({
  name: 'summary-tick',
  queue: 'maintenance',
  schema: z.object({}).loose(),
  async process(deps) {
    const workspaces = await deps.app.store.summaries.listWorkspacesWithSchedules();
    let posted = 0;
    let failed = 0;
    for (const workspaceId of workspaces) {
      try {
        for (const occurrence of await listDueSummaries(deps.app, workspaceId)) {
          if ((await publishSummary(deps, occurrence)) === 'sent') posted += 1;
        }
      } catch (error) {
        // One workspace's trouble must not hold up the others; the next tick tries again.
        failed += 1;
        deps.app.logger.error({ err: error, workspaceId }, 'summary tick failed');
      }
    }
    return { workspaces: workspaces.length, posted, failed };
  },
});
