import { z } from 'zod';
import { deliverOnce } from '../src/app/reminders/deliver-once.js';
import { deliveryMarker } from '../src/app/reminders/delivery-ids.js';
import { markGaveUp, prepareOutbound } from '../src/app/reminders/outbound-delivery.js';
import { renderOutboundMessage } from '../src/discord/render/outbound-message.js';
import { defineJob } from '../src/queue/job-types.js';
import { describeDeliveryError } from '../src/discord/delivery-failure.js';

/** Sends one outbound notice (a task action to a unit, a note to the coordinators) exactly once. */
export const deliverOutboundJob = defineJob({
  name: 'deliver-outbound',
  queue: 'deliveries',
  schema: z.object({ outboundId: z.number().int().positive(), retry: z.boolean().optional() }),
  async process({ app, sender, leaseMs }, data, job) {
    const outcome = await deliverOnce(
      app.store,
      sender,
      {
        table: 'outbound_messages',
        id: data.outboundId,
        lane: 'interactive',
        leaseMs,
        finalAttempt: job.finalAttempt,
        allowFailed: data.retry ?? false,
        now: () => app.clock.now(),
      },
      async ({ nonce }) => {
        const prepared = await prepareOutbound(app.store, data.outboundId);
        if (prepared.kind !== 'send') return prepared;
        const marker = deliveryMarker('outbound', data.outboundId, nonce);
        return {
          kind: 'send',
          recipient: prepared.recipient,
          message: { nonce, marker, render: (fallback) => renderOutboundMessage(prepared.payload, { marker, fallback }) },
        };
      },
    );
    return outcome.kind;
  },
  async onGaveUp({ app }, data, error) {
    await markGaveUp(app.store, 'outbound_messages', data.outboundId, describeDeliveryError(error));
  },
});
