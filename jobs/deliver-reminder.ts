import { z } from 'zod';
import { deliverOnce } from '../src/app/reminders/deliver-once.js';
import { deliveryMarker } from '../src/app/reminders/delivery-ids.js';
import { markGaveUp, noteDmFallback } from '../src/app/reminders/outbound-delivery.js';
import { prepareReminder } from '../src/app/reminders/reminder-content.js';
import { renderReminderMessage } from '../src/discord/render/reminder-message.js';
import { opsMetrics } from '../src/ops/metrics.js';
import { defineJob } from '../src/queue/job-types.js';
import { describeDeliveryError } from '../src/discord/delivery-failure.js';

/** Sends one unit's reminder for one stage (or a nudge), exactly once: see src/app/reminders/deliver-once.ts. */
export const deliverReminderJob = defineJob({
  name: 'deliver-reminder',
  queue: 'deliveries',
  schema: z.object({
    deliveryId: z.number().int().positive(),
    /** When the job was planned for; the ledger row may have moved since. */
    fireAt: z.iso.datetime().optional(),
    retry: z.boolean().optional(),
  }),
  async process({ app, sender, leaseMs }, data, job) {
    const row = await app.store.reminders.findToSend(data.deliveryId);
    if (!row) return 'missing';
    const now = app.clock.now();
    if (data.fireAt && row.status === 'pending' && row.fireAt.getTime() !== Date.parse(data.fireAt) && row.fireAt.getTime() > now.getTime()) {
      // The reminder moved later (an extension, a plan edit) after this job was queued: follow it.
      await job.delayUntil(new Date(Date.now() + (row.fireAt.getTime() - now.getTime())));
    }
    const outcome = await deliverOnce(
      app.store,
      sender,
      {
        table: 'reminder_deliveries',
        id: data.deliveryId,
        lane: row.stage === 'nudge' ? 'interactive' : 'bulk',
        leaseMs,
        finalAttempt: job.finalAttempt,
        allowFailed: data.retry ?? false,
        now: () => app.clock.now(),
      },
      async ({ nonce }) => {
        const prepared = await prepareReminder(app.store, data.deliveryId, app.clock.now());
        if (prepared.kind !== 'send') return prepared;
        const marker = deliveryMarker('reminder', data.deliveryId, nonce);
        const { recipient, content } = prepared;
        return {
          kind: 'send',
          recipient,
          message: {
            nonce,
            marker,
            render: (fallback) =>
              renderReminderMessage(content, { marker, mentionUsers: recipient.mentionUsers, mentionRoles: recipient.mentionRoles, fallback }),
          },
        };
      },
    );
    if (outcome.kind === 'sent' && !outcome.recovered) opsMetrics.reminderSent(row.stage);
    if (outcome.kind === 'failed') opsMetrics.reminderFailed(row.stage, { willRetry: false });
    if (outcome.kind === 'sent' && outcome.fallbackUsed && !outcome.recipient.fallbackTellsCoordinators && outcome.recipient.primary.kind === 'dm') {
      const id = await noteDmFallback(app.store, {
        deliveryId: data.deliveryId,
        workspaceId: row.workspaceId,
        unitName: row.unitName,
        refusedUserId: outcome.recipient.primary.userId,
        channelId: outcome.sent.channelId,
      });
      if (id !== undefined) await app.scheduler?.enqueueOutbound(id);
    }
    return outcome.kind;
  },
  async onGaveUp({ app }, data, error) {
    opsMetrics.reminderFailed('unknown', { willRetry: false });
    await markGaveUp(app.store, 'reminder_deliveries', data.deliveryId, describeDeliveryError(error));
  },
});
