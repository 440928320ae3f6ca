import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newNonce } from '../../../src/app/reminders/delivery-ids.js';
import type { Storage } from '../../../src/db/database.js';
import { createStore } from '../../../src/db/store.js';
import type { Store } from '../../../src/ports.js';
import { createUnit } from '../../../src/db/repositories/unit.repository.js';
import { ensureWorkspace } from '../../../src/db/repositories/workspace.repository.js';
import { openMigratedStorage, storageKinds } from '../../support/storage.js';

describe.each(storageKinds)('the delivery ledger on %s', (kind) => {
  let storage: Storage;
  let store: Store;
  let deliveryId: number;
  let tokens = 0;
  const lease = () => ({ leaseMs: 10_000, allowFailed: false, token: `token-${++tokens}` });

  beforeAll(async () => {
    storage = await openMigratedStorage(kind);
    store = createStore(storage.db);
    const workspace = await ensureWorkspace(storage.db, '160000000000000001', '清河区');
    const unit = await createUnit(storage.db, workspace.id, '城关镇', 'township');
    const period = await storage.db
      .insertInto('reporting_periods')
      .values({
        workspace_id: workspace.id,
        year: 2026,
        key: '2026-Q1',
        label: '2026年第一季度',
        starts_on: '2026-01-01',
        ends_on: '2026-03-31',
        due_date: '2026-03-25',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    deliveryId = (
      await storage.db
        .insertInto('reminder_deliveries')
        .values({ workspace_id: workspace.id, unit_id: unit.id, period_id: period.id, stage: 'due', fire_at: new Date(), nonce: newNonce() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await storage?.close();
  });

  it('lets one claim hold the row; a second waits until the lease runs out', async () => {
    const now = new Date('2026-03-25T01:00:00Z');
    const first = await store.deliveries.claim('reminder_deliveries', deliveryId, { ...lease(), leaseNow: now });
    expect(first).toMatchObject({ kind: 'claimed', attempts: 1 });
    expect(await store.deliveries.claim('reminder_deliveries', deliveryId, { ...lease(), leaseNow: new Date(now.getTime() + 5_000) })).toEqual({
      kind: 'busy',
    });
    const second = await store.deliveries.claim('reminder_deliveries', deliveryId, { ...lease(), leaseNow: new Date(now.getTime() + 11_000) });
    expect(second).toMatchObject({ kind: 'claimed', attempts: 2, firstClaimedAt: now });
    if (first.kind !== 'claimed' || second.kind !== 'claimed') throw new Error('unreachable');

    // The first worker wakes up after losing its lease: it may not record over the second.
    expect(
      await store.deliveries.recordSent('reminder_deliveries', deliveryId, first.token, { channelId: '1', messageId: '9', sentAt: now, fallbackUsed: false }),
    ).toBe(false);
    await store.deliveries.release('reminder_deliveries', deliveryId, first.token, { status: 'failed', error: 'late' });
    expect(
      await store.deliveries.recordSent('reminder_deliveries', deliveryId, second.token, { channelId: '1', messageId: '10', sentAt: now, fallbackUsed: false }),
    ).toBe(true);
    const row = await storage.db
      .selectFrom('reminder_deliveries')
      .select(['status', 'message_id', 'claim_token'])
      .where('id', '=', deliveryId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sent', message_id: '10', claim_token: null });
  });

  it('answers every later claim of a sent row with "settled", and never marks it failed', async () => {
    expect(await store.deliveries.claim('reminder_deliveries', deliveryId, { ...lease(), leaseNow: new Date() })).toEqual({ kind: 'settled', status: 'sent' });
    await store.deliveries.markFailed('reminder_deliveries', deliveryId, 'gave up');
    expect((await storage.db.selectFrom('reminder_deliveries').select('status').where('id', '=', deliveryId).executeTakeFirstOrThrow()).status).toBe('sent');
    expect(await store.deliveries.claim('reminder_deliveries', 999_999, { ...lease(), leaseNow: new Date() })).toEqual({ kind: 'settled', status: 'missing' });
  });
});
