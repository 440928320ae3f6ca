import { z } from 'zod';
import { reconcileReminders } from '../src/app/reminders/reconcile-reminders.js';
import { defineJob } from '../src/queue/job-types.js';

/** Re-plans one workspace's reminders after something changed (an import, a plan edit, a task action). */
export const reconcileWorkspaceJob = defineJob({
  name: 'reconcile-workspace',
  queue: 'maintenance',
  schema: z.object({ workspaceId: z.number().int().positive() }),
  async process({ app }, data) {
    return reconcileReminders(app, data.workspaceId);
  },
});
