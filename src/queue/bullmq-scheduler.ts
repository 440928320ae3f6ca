import type { Clock, DeliveryScheduler, ScheduledDelivery } from '../ports.js';
import type { MaintenanceJobPayloads } from './job-types.js';
import type { Queues } from './queues.js';

/** Higher priority (a lower number) for what people are waiting on. */
const PRIORITY = { interactive: 1, bulk: 10 } as const;
/** Jobs added per round trip; the first batch is small so delivery starts within a few milliseconds. */
const FIRST_BATCH = 50;
const BATCH = 500;

/** DeliveryScheduler on BullMQ: reminders as delayed jobs keyed by the domain's reminder key. */
export class BullmqDeliveryScheduler implements DeliveryScheduler {
  constructor(
    private readonly queues: Queues,
    private readonly clock: Clock,
  ) {}

  async requestReconcile(workspaceId: number): Promise<void> {
    // No de-duplication: a reconcile already running may have read the state before this change.
    await this.queues.maintenance.add('reconcile-workspace', { workspaceId });
  }

  async scheduleReminders(items: readonly ScheduledDelivery[], options: { moved?: readonly number[] } = {}): Promise<void> {
    const moved = new Set(options.moved ?? []);
    for (const item of items) {
      if (!moved.has(item.deliveryId)) continue;
      // A job for a moved reminder is replaced; one already running decides by the ledger row itself.
      const job = await this.queues.deliveries.getJob(item.jobId);
      if (job && !(await job.isActive())) await job.remove().catch(() => undefined);
    }
    const now = this.clock.now().getTime();
    // Soonest first, and a small first batch, so the reminders due now start going out while the rest are added.
    const ordered = [...items].sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime());
    for (let i = 0, size = FIRST_BATCH; i < ordered.length; i += size, size = BATCH) {
      // A job id that already exists is not added again: scheduling is idempotent.
      await this.queues.deliveries.addBulk(
        ordered.slice(i, i + size).map((item) => ({
          name: 'deliver-reminder',
          data: { deliveryId: item.deliveryId, fireAt: item.fireAt.toISOString(), ...(item.retry ? { retry: true } : {}) },
          opts: { jobId: item.jobId, delay: Math.max(0, item.fireAt.getTime() - now), priority: PRIORITY[item.lane] },
        })),
      );
    }
  }

  async cancelReminders(jobIds: readonly string[]): Promise<void> {
    // An active job cannot be removed; it reads the cancelled row and does nothing.
    for (const jobId of jobIds) await this.queues.deliveries.remove(jobId).catch(() => 0);
  }

  /** A leaders' summary now (/summary now); the job id is the occurrence's ledger key, so a double click posts once. */
  async requestSummary(occurrence: MaintenanceJobPayloads['post-summary']): Promise<void> {
    await this.queues.maintenance.add('post-summary', occurrence, { jobId: `summary-${occurrence.workspaceId}-${occurrence.key}` });
  }

  async enqueueOutbound(outboundId: number, options: { jobId?: string; retry?: boolean } = {}): Promise<void> {
    await this.queues.deliveries.add(
      'deliver-outbound',
      { outboundId, ...(options.retry ? { retry: true } : {}) },
      { jobId: options.jobId ?? `out-${outboundId}`, priority: PRIORITY.interactive },
    );
  }
}
