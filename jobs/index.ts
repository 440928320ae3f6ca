import type { JobDefinition } from '../src/queue/job-types.js';
import { deliverOutboundJob } from './deliver-outbound.js';
import { deliverReminderJob } from './deliver-reminder.js';
import { reconcileAllJob } from './reconcile-all.js';
import { postSummaryJob } from './post-summary.js';
import { reconcileWorkspaceJob } from './reconcile-workspace.js';
import { summaryTickJob } from './summary-tick.js';

/** Every job the workers run, by name. */
export const jobDefinitions: readonly JobDefinition[] = [
  deliverReminderJob,
  deliverOutboundJob,
  reconcileWorkspaceJob,
  reconcileAllJob,
  summaryTickJob,
  postSummaryJob,
] as readonly JobDefinition[];
