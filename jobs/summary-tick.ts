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
    const rows = await deps.app.db.selectFrom('schedules').select('workspace_id').where('enabled', '=', true).distinct().execute();
    let posted = 0;
    let failed = 0;
    for (const { workspace_id } of rows) {
      try {
        for (const occurrence of await listDueSummaries(deps.app, workspace_id)) {
          if ((await publishSummary(deps, occurrence)) === 'sent') posted += 1;
        }
      } catch (error) {
        // One workspace's trouble must not hold up the others; the next tick tries again.
        failed += 1;
        deps.app.logger.error({ err: error, workspaceId: workspace_id }, 'summary tick failed');
      }
    }
    return { workspaces: rows.length, posted, failed };
  },
});
