import { z } from 'zod';
import { deliverOnce } from '../src/app/reminders/deliver-once.js';
import { deliveryMarker } from '../src/app/reminders/delivery-ids.js';
import { markFailed } from '../src/app/reminders/delivery-ledger.js';
import { createOutboundMessage } from '../src/app/reminders/outbound-messages.js';
import { prepareReminder } from '../src/app/reminders/reminder-content.js';
import { renderReminderMessage } from '../src/discord/render/reminder-message.js';
import { opsMetrics } from '../src/ops/metrics.js';
import { defineJob } from '../src/queue/job-types.js';

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
    const row = await app.db.selectFrom('reminder_deliveries').select(['fire_at', 'status', 'stage', 'workspace_id', 'unit_id']).where('id', '=', data.deliveryId).executeTakeFirst();
    if (!row) return 'missing';
    const now = app.clock.now();
    if (data.fireAt && row.status === 'pending' && row.fire_at.getTime() !== Date.parse(data.fireAt) && row.fire_at.getTime() > now.getTime()) {
      // The reminder moved later (an extension, a plan edit) after this job was queued: follow it.
      await job.delayUntil(new Date(Date.now() + (row.fire_at.getTime() - now.getTime())));
    }
    const outcome = await deliverOnce(
      app.db,
      sender,
      { table: 'reminder_deliveries', id: data.deliveryId, lane: row.stage === 'nudge' ? 'interactive' : 'bulk', leaseMs, finalAttempt: job.finalAttempt, allowFailed: data.retry ?? false, now: () => app.clock.now() },
      async ({ nonce }) => {
        const prepared = await prepareReminder(app.store, data.deliveryId, app.clock.now());
        if (prepared.kind !== 'send') return prepared;
        const marker = deliveryMarker('reminder', data.deliveryId, nonce);
        const { recipient, content } = prepared;
        return {
          kind: 'send',
          recipient,
          message: { nonce, marker, render: (fallback) => renderReminderMessage(content, { marker, mentionUsers: recipient.mentionUsers, mentionRoles: recipient.mentionRoles, fallback }) },
        };
      },
    );
    if (outcome.kind === 'sent' && !outcome.recovered) opsMetrics.reminderSent(row.stage);
    if (outcome.kind === 'failed') opsMetrics.reminderFailed(row.stage, { willRetry: false });
    if (outcome.kind === 'sent' && outcome.fallbackUsed && !outcome.recipient.fallbackTellsCoordinators && outcome.recipient.primary.kind === 'dm') {
      const unit = await app.db.selectFrom('units').select('name').where('id', '=', row.unit_id).executeTakeFirst();
      const id = await createOutboundMessage(app.store, {
        workspaceId: row.workspace_id,
        kind: 'dm_fallback',
        dedupeKey: `dm-fallback-r${data.deliveryId}`,
        audience: 'coordinators',
        unitId: null,
        payload: {
          title: '提醒私信未能送达',
          lines: [
            `“${unit?.name ?? '该单位'}”的联络员 <@${outcome.recipient.primary.userId}> 不接收私信,提醒已改发到 <#${outcome.sent.channelId}>。`,
            '建议请其开启“允许服务器成员私信”,或用 /unit bind 改绑接收频道。',
          ],
          tone: 'warning',
        },
      });
      if (id !== undefined) await app.scheduler?.enqueueOutbound(id);
    }
    return outcome.kind;
  },
  async onGaveUp({ app }, data, error) {
    opsMetrics.reminderFailed('unknown', { willRetry: false });
    await markFailed(app.db, 'reminder_deliveries', data.deliveryId, `多次重试后仍未发出:${error.message}`.slice(0, 500));
  },
});
