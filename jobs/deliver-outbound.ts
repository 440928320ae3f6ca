import { z } from 'zod';
import { deliverOnce, type Prepared } from '../src/app/reminders/deliver-once.js';
import { deliveryMarker } from '../src/app/reminders/delivery-ids.js';
import { markFailed } from '../src/app/reminders/delivery-ledger.js';
import type { OutboundPayload } from '../src/app/reminders/outbound-messages.js';
import { resolveCoordinatorsRecipient, resolveUnitRecipient } from '../src/app/reminders/recipients.js';
import { findWorkspaceById } from '../src/db/repositories/workspace.repository.js';
import { renderOutboundMessage } from '../src/discord/render/outbound-message.js';
import { defineJob } from '../src/queue/job-types.js';
import type { JobDeps } from '../src/queue/job-types.js';

async function prepareOutbound({ app }: JobDeps, outboundId: number, nonce: string): Promise<Prepared> {
  const row = await app.db.selectFrom('outbound_messages').selectAll().where('id', '=', outboundId).executeTakeFirst();
  if (!row) return { kind: 'cancel', reason: '通知记录已不存在' };
  const workspace = await findWorkspaceById(app.db, row.workspace_id);
  if (!workspace) return { kind: 'cancel', reason: '工作区已不存在' };
  const resolved = row.audience === 'unit' && row.unit_id !== null ? await resolveUnitRecipient(app.store, workspace, row.unit_id, 'liaison') : resolveCoordinatorsRecipient(workspace);
  if (!resolved.ok) return { kind: 'fail', reason: resolved.reason };
  const recipient = resolved.recipient;
  const stored = row.payload as OutboundPayload;
  const payload: OutboundPayload = {
    ...stored,
    mentionUsers: [...new Set([...(stored.mentionUsers ?? []), ...recipient.mentionUsers])],
    mentionRoles: [...new Set([...(stored.mentionRoles ?? []), ...recipient.mentionRoles])],
  };
  const marker = deliveryMarker('outbound', outboundId, nonce);
  return { kind: 'send', recipient, message: { nonce, marker, render: (fallback) => renderOutboundMessage(payload, { marker, fallback }) } };
}

/** Sends one outbound notice (a task action to a unit, a note to the coordinators) exactly once. */
export const deliverOutboundJob = defineJob({
  name: 'deliver-outbound',
  queue: 'deliveries',
  schema: z.object({ outboundId: z.number().int().positive(), retry: z.boolean().optional() }),
  async process(deps, data, job) {
    const outcome = await deliverOnce(
      deps.app.db,
      deps.sender,
      { table: 'outbound_messages', id: data.outboundId, lane: 'interactive', leaseMs: deps.leaseMs, finalAttempt: job.finalAttempt, allowFailed: data.retry ?? false, now: () => deps.app.clock.now() },
      ({ nonce }) => prepareOutbound(deps, data.outboundId, nonce),
    );
    return outcome.kind;
  },
  async onGaveUp({ app }, data, error) {
    await markFailed(app.db, 'outbound_messages', data.outboundId, `多次重试后仍未发出:${error.message}`.slice(0, 500));
  },
});
