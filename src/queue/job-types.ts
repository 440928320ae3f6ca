import type { z } from 'zod';
import type { AppContext } from '../app/context.js';
import type { MessageSender } from '../ports.js';

export type QueueName = 'deliveries' | 'maintenance';

/** Payloads by job name, as producers write them (each job's zod schema checks them again on the worker). */
export interface DeliveryJobPayloads {
  'deliver-reminder': { deliveryId: number; fireAt?: string; retry?: boolean };
  'deliver-outbound': { outboundId: number; retry?: boolean };
}
export interface MaintenanceJobPayloads {
  'reconcile-workspace': { workspaceId: number };
  'reconcile-all': Record<string, never>;
  'summary-tick': Record<string, never>;
  'post-summary': { workspaceId: number; kind: 'weekly_digest' | 'quarterly_ranking'; key: string; year?: number; quarter?: 1 | 2 | 3 | 4 };
}

/** What every job processor receives, passed explicitly. */
export interface JobDeps {
  app: AppContext;
  sender: MessageSender;
  /** How long a delivery claim holds before another worker may take the row over. */
  leaseMs: number;
}

/** The few things a processor may ask of the queue about its own job. */
export interface JobContext {
  id: string;
  attemptsMade: number;
  /** This run is the last the queue will make (a transient failure then settles the row as failed). */
  finalAttempt: boolean;
  /** Puts the job back to run at `at` (real time); never returns. */
  delayUntil(at: Date): Promise<never>;
}

/** One job: its name, the schema its payload must satisfy, and what it does. */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  queue: QueueName;
  schema: S;
  process(deps: JobDeps, data: z.infer<S>, job: JobContext): Promise<unknown>;
  /** After the queue gave up on the job for good: settle whatever it was doing. */
  onGaveUp?(deps: JobDeps, data: z.infer<S>, error: Error): Promise<void>;
}

export function defineJob<S extends z.ZodType>(job: JobDefinition<S>): JobDefinition<S> {
  return job;
}
