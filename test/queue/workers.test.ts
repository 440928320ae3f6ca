import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFailedDeliveries } from '../../src/app/reminders/failed-deliveries.js';
import type { QueueRuntime } from '../../src/queue/queue-runtime.js';
import { openDeliveryFixture, startFixtureQueue, waitUntil, type DeliveryFixture } from './support/delivery-fixture.js';

describe('job workers', () => {
  let f: DeliveryFixture;
  let runtime: QueueRuntime;

  beforeAll(async () => {
    f = await openDeliveryFixture();
    runtime = await startFixtureQueue(f, { workers: true, tuning: { lockDurationMs: 2_000, stalledIntervalMs: 1_000 } });
  });
  afterAll(async () => {
    await runtime?.close();
    await f?.close();
  });

  it('fails a job with a bad payload at once instead of retrying it', async () => {
    // A payload the types would refuse, as a stale or foreign producer might still send.
    const job = await runtime.queues.deliveries.add('deliver-reminder', { deliveryId: 'not-a-number' as unknown as number });
    const failed = await waitUntil(async () => {
      const current = await runtime.queues.deliveries.getJob(job.id!);
      return (await current?.isFailed()) && current;
    });
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toContain('bad payload for deliver-reminder');
  });

  it('puts a delivery that exhausted its retries on the coordinators’ failed list', async () => {
    const unit = f.units[0]!;
    const id = await f.createDelivery(unit);
    f.lc.failNext({ route: new RegExp(`/channels/${f.channels.get(unit)}/messages`), method: 'POST', status: 502, count: 100 });
    await runtime.queues.deliveries.add('deliver-reminder', { deliveryId: id }, { jobId: `doomed-${id}`, attempts: 2, backoff: { type: 'fixed', delay: 50 } });
    const row = await waitUntil(async () => {
      const r = await f.storage.db
        .selectFrom('reminder_deliveries')
        .select(['status', 'last_error', 'attempts'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return r.status === 'failed' && r;
    });
    expect(row.attempts).toBe(2);
    expect(row.last_error).toContain('Discord 服务暂时不可用(HTTP 502)');
    const listed = await listFailedDeliveries(f.app, f.workspaceId);
    expect(listed.map((l) => l.ref)).toContain(`r${id}`);
    expect(f.botMessagesIn(f.channels.get(unit)!)).toBe(0);
  });

  it('follows a reminder that moved later after its job was queued', async () => {
    const unit = f.units[1]!;
    const id = await f.createDelivery(unit);
    const planned = new Date();
    const later = new Date(Date.now() + 1_500);
    await f.storage.db.updateTable('reminder_deliveries').set({ fire_at: later }).where('id', '=', id).execute();
    const job = await runtime.queues.deliveries.add('deliver-reminder', { deliveryId: id, fireAt: planned.toISOString() }, { jobId: `moved-${id}` });
    // The worker has taken the job and put it back to wait for the new time, having sent nothing.
    await waitUntil(async () => {
      const current = await runtime.queues.deliveries.getJob(job.id!);
      return current?.processedOn !== undefined && (await current.getState()) === 'delayed';
    });
    expect(f.botMessagesIn(f.channels.get(unit)!)).toBe(0);
    const sent = await waitUntil(async () => {
      const r = await f.storage.db.selectFrom('reminder_deliveries').select(['status', 'sent_at']).where('id', '=', id).executeTakeFirstOrThrow();
      return r.status === 'sent' && r;
    });
    expect(sent.sent_at!.getTime()).toBeGreaterThanOrEqual(later.getTime() - 50);
  });
});
