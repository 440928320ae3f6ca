import type { JobDefinition } from '../src/queue/job-types.js';
import { deliverOutboundJob } from './deliver-outbound.js';
import { deliverReminderJob } from './deliver-reminder.js';
import { reconcileAllJob } from './reconcile-all.js';
import { reconcileWorkspaceJob } from './reconcile-workspace.js';

/** Every job the workers run, by name. */
export const jobDefinitions: readonly JobDefinition[] = [deliverReminderJob, deliverOutboundJob, reconcileWorkspaceJob, reconcileAllJob] as readonly JobDefinition[];
