import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryMarker } from '../../src/app/reminders/delivery-ids.js';
import { prepareReminder } from '../../src/app/reminders/reminder-content.js';
import { DiscordSender } from '../../src/discord/outbound/discord-sender.js';
import { createOutboundRest } from '../../src/discord/outbound/rest-client.js';
import { openGate } from '../../src/discord/outbound/send-gate.js';
import { renderReminderMessage } from '../../src/discord/render/reminder-message.js';
import type { QueueRuntime } from '../../src/queue/queue-runtime.js';
import { openDeliveryFixture, spawnWorker, startFixtureQueue, waitUntil, type DeliveryFixture } from './support/delivery-fixture.js';
import { createStore } from '../../src/db/store.js';

describe('exactly-once reminder delivery', () => {
  let f: DeliveryFixture;
  const runtimes: QueueRuntime[] = [];
  const startWorkers = async () => {
    const runtime = await startFixtureQueue(f, { workers: true, tuning: { lockDurationMs: 2_000, stalledIntervalMs: 1_000 } });
    runtimes.push(runtime);
    return runtime;
  };
  const ledger = (id: number) => f.storage.db.selectFrom('reminder_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const addJob = (runtime: QueueRuntime, deliveryId: number, jobId: string) => runtime.queues.deliveries.add('deliver-reminder', { deliveryId }, { jobId });
  /** These jobs have run to their end (a completed job is removed at once): whatever they were going to send, they have sent. */
  const finished = (runtime: QueueRuntime, jobIds: string[]) =>
    waitUntil(async () => {
      const states = await Promise.all(jobIds.map(async (jobId) => (await runtime.queues.deliveries.getJob(jobId))?.getState() ?? 'removed'));
      return states.every((state) => state === 'removed' || state === 'completed' || state === 'failed');
    });

  beforeAll(async () => {
    f = await openDeliveryFixture();
  });
  afterAll(async () => {
    for (const runtime of runtimes) await runtime.close();
    await f?.close();
  });

  it('sends once when the same reminder is queued again and runs again', async () => {
    const runtime = await startWorkers();
    const unit = f.units[0]!;
    const id = await f.createDelivery(unit);
    await addJob(runtime, id, `first-${id}`);
    await waitUntil(async () => (await ledger(id)).status === 'sent');
    await addJob(runtime, id, `again-${id}`);
    await addJob(runtime, id, `and-again-${id}`);
    await finished(runtime, [`again-${id}`, `and-again-${id}`]);
    expect(f.botMessagesIn(f.channels.get(unit)!)).toBe(1);
    expect(await ledger(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('retries with backoff after Discord fails with 5xx, and still sends once', async () => {
    const runtime = runtimes[0]!;
    const unit = f.units[1]!;
    const id = await f.createDelivery(unit);
    f.lc.failNext({ route: new RegExp(`/channels/${f.channels.get(unit)}/messages`), method: 'POST', status: 503, count: 3 });
    await addJob(runtime, id, `flaky-${id}`);
    const row = await waitUntil(async () => {
      const r = await ledger(id);
      return r.status === 'sent' && r;
    });
    expect(row.attempts).toBe(2);
    expect(f.botMessagesIn(f.channels.get(unit)!)).toBe(1);
  });

  it('finds the message a crashed attempt sent, by its marker, after the nonce is forgotten', async () => {
    const runtime = runtimes[0]!;
    const unit = f.units[2]!;
    const id = await f.createDelivery(unit);
    // What a worker that died between sending and recording leaves behind: the message in the
    // channel, and the row claimed ('sending') under a lease that has since run out.
    const row = await ledger(id);
    const prepared = await prepareReminder(createStore(f.storage.db), id, new Date());
    if (prepared.kind !== 'send') throw new Error('expected a reminder to send');
    const marker = deliveryMarker('reminder', id, row.nonce);
    const sender = new DiscordSender(createOutboundRest({ token: f.lc.botToken, apiBase: f.lc.apiBase, gate: openGate }));
    const sent = await sender.send(
      prepared.recipient.primary,
      { nonce: row.nonce, marker, render: (fallback) => renderReminderMessage(prepared.content, { marker, mentionUsers: [], mentionRoles: [], fallback }) },
      { lane: 'bulk', fallback: null },
    );
    const claimedAt = new Date(Date.now() - 60_000);
    await f.storage.db
      .updateTable('reminder_deliveries')
      .set({ status: 'sending', attempts: 1, claimed_at: claimedAt, first_claimed_at: claimedAt, claim_token: 'dead-worker' })
      .where('id', '=', id)
      .execute();
    // Discord remembers a nonce for a few minutes only.
    f.lcClock.advance(6 * 60_000);
    await addJob(runtime, id, `after-crash-${id}`);
    const recovered = await waitUntil(async () => {
      const r = await ledger(id);
      return r.status === 'sent' && r;
    });
    expect(recovered).toMatchObject({ message_id: sent.messageId, attempts: 2 });
    expect(f.botMessagesIn(f.channels.get(unit)!)).toBe(1);
  });

  it('sends each reminder once with two workers racing over duplicate jobs', async () => {
    const first = runtimes[0]!;
    const second = await startWorkers();
    const ids: number[] = [];
    for (const unit of f.units.slice(3)) {
      const id = await f.createDelivery(unit, 'after1');
      ids.push(id);
      await addJob(first, id, `a-${id}`);
      await addJob(second, id, `b-${id}`);
    }
    await waitUntil(async () => {
      const rows = await f.storage.db.selectFrom('reminder_deliveries').select('status').where('id', 'in', ids).execute();
      return rows.every((r) => r.status === 'sent');
    });
    await finished(
      first,
      ids.flatMap((id) => [`a-${id}`, `b-${id}`]),
    );
    for (const unit of f.units.slice(3)) expect(f.botMessagesIn(f.channels.get(unit)!)).toBe(1);
  });

  // Two worker processes start here (tsx compiles each): on a busy machine that alone can take tens of seconds.
  it('recovers when a worker process is killed between sending and recording', { timeout: 90_000 }, async () => {
    for (const runtime of runtimes.splice(0)) await runtime.close();
    const unit = f.units[0]!;
    const channelId = f.channels.get(unit)!;
    const id = await f.createDelivery(unit, 'after1');
    const before = f.botMessagesIn(channelId);
    const doomed = spawnWorker(f);
    await doomed.ready;
    // Discord has created the message; the worker has not yet read the answer, let alone recorded it.
    const killed = new Promise<void>((resolve) =>
      f.lc.on('message', (event) => {
        if (event.message.channel_id === channelId && event.fromBot && event.change === 'create') {
          doomed.child.kill('SIGKILL');
          resolve();
        }
      }),
    );
    const runtime = await startFixtureQueue(f, { workers: false });
    runtimes.push(runtime);
    await addJob(runtime, id, `doomed-${id}`);
    await killed;
    expect((await ledger(id)).status).toBe('sending');
    f.lcClock.advance(6 * 60_000);
    const successor = spawnWorker(f);
    await successor.ready;
    try {
      const row = await waitUntil(async () => {
        const r = await ledger(id);
        return r.status === 'sent' && r;
      }, 20_000);
      expect(row.attempts).toBe(2);
      expect(f.botMessagesIn(channelId)).toBe(before + 1);
    } finally {
      successor.child.kill('SIGTERM');
    }
  });
});
