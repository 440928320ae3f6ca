import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app/context.js';
import {
  claimOccurrence,
  isOccurrenceSent,
  lastSentAt,
  releasedEntry,
  updateOccurrence,
  SummaryLeaseLostError,
} from '../../../src/app/summary/summary-ledger.js';
import { readSummarySettings, updateSummarySettings } from '../../../src/app/summary/summary-settings.js';
import type { Db, Storage } from '../../../src/db/database.js';
import { ensureWorkspace } from '../../../src/db/repositories/workspace.repository.js';
import { testAppContext } from '../../support/app-context.js';
import { openMigratedStorage, storageKinds } from '../../support/storage.js';

const HOUR = 3_600_000;

/** Waits until this many sessions of the test database wait for a row lock, or until `done` says so. */
async function lockWaiters(db: Db, count: number, done = () => false): Promise<void> {
  for (let tries = 0; tries < 200 && !done(); tries += 1) {
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
    if ((rows[0]?.n ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!done()) throw new Error(`never saw ${count} sessions waiting for a lock`);
}

// Concurrent sessions need real Postgres: PGlite runs one statement at a time.
describe('the summary ledger next to /summary set on postgres', () => {
  let storage: Storage;
  let ctx: AppContext;
  let workspaceId: number;

  beforeAll(async () => {
    storage = await openMigratedStorage('postgres');
    ctx = testAppContext(storage.db);
    workspaceId = (await ensureWorkspace(storage.db, '140000000000000001', 'W')).id;
    await storage.db.updateTable('workspaces').set({ summary_channel_id: '400000000000000001' }).where('id', '=', workspaceId).execute();
    await updateSummarySettings(ctx, { workspaceId, actorId: '9', digestEnabled: true, weekday: 5, time: '16:00' });
  });
  afterAll(async () => {
    await storage?.close();
  });

  it('keeps both a settings change and an occurrence update that interleave', async () => {
    const claim = await claimOccurrence(ctx.store, workspaceId, 'weekly_digest', 'digest-2026-03-06', HOUR);
    if (claim.kind !== 'claimed') throw new Error(`expected a claim, got ${claim.kind}`);
    // A slow coordinator holds the schedule rows, as /summary set does while it writes them.
    let release = (): void => undefined;
    let locked = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const hasLock = new Promise<void>((resolve) => (locked = resolve));
    const holder = storage.db.transaction().execute(async (trx) => {
      await trx.selectFrom('schedules').select('id').where('workspace_id', '=', workspaceId).forUpdate().execute();
      locked();
      await released;
    });
    await Promise.race([hasLock, holder]);
    const settings = updateSummarySettings(ctx, { workspaceId, actorId: '9', weekday: 3, time: '10:30' });
    await lockWaiters(storage.db, 1);
    let updated = false;
    const update = updateOccurrence(ctx.store, workspaceId, 'weekly_digest', 'digest-2026-03-06', {
      ...claim.entry,
      sent: { 'channel:400000000000000001': '500000000000000001' },
    }).finally(() => (updated = true));
    // The ledger update may go through at once, or queue behind the settings for the same row.
    await lockWaiters(storage.db, 2, () => updated);
    release();
    await Promise.all([holder, settings, update]);

    const after = await readSummarySettings(ctx.store, workspaceId, 'Asia/Shanghai');
    expect(after.digest.options).toEqual({ weekday: 3, time: '10:30' });
    const again = await claimOccurrence(ctx.store, workspaceId, 'weekly_digest', 'digest-2026-03-06', 0);
    expect(again.kind === 'claimed' && again.entry.sent).toEqual({ 'channel:400000000000000001': '500000000000000001' });
  });

  it('lets one of two concurrent claims have the occurrence, the other finds it busy', async () => {
    const claims = await Promise.all([1, 2, 3].map(() => claimOccurrence(ctx.store, workspaceId, 'quarterly_ranking', 'ranking-2026-Q1', HOUR)));
    expect(claims.map((c) => c.kind).sort()).toEqual(['busy', 'busy', 'claimed']);
  });
});

describe.each(storageKinds)('the summary ledger on %s', (kind) => {
  let storage: Storage;
  let ctx: AppContext;
  let workspaceId: number;

  beforeAll(async () => {
    storage = await openMigratedStorage(kind);
    ctx = testAppContext(storage.db);
    workspaceId = (await ensureWorkspace(storage.db, '140000000000000002', 'W')).id;
  });
  afterAll(async () => {
    await storage?.close();
  });

  const claim = (key: string, leaseMs = HOUR) => claimOccurrence(ctx.store, workspaceId, 'weekly_digest', key, leaseMs);

  it('claims a new occurrence without any schedule set (/summary now)', async () => {
    const first = await claim('now-202603020905');
    expect(first).toMatchObject({ kind: 'claimed', entry: { status: 'sending', attempts: 1, sent: {}, sentAt: null } });
    expect(first.kind === 'claimed' && first.entry.nonce).toMatch(/^s[0-9a-f]{21}$/);
    expect(await storage.db.selectFrom('schedules').select('id').execute()).toEqual([]);
  });

  it('finds an occurrence busy under a live lease, and claims it again after a release with the same nonce', async () => {
    const first = await claim('digest-2026-03-06');
    if (first.kind !== 'claimed') throw new Error(first.kind);
    expect(await claim('digest-2026-03-06')).toEqual({ kind: 'busy' });
    const progress = { ...first.entry, sent: { 'channel:1': '501' } };
    await updateOccurrence(ctx.store, workspaceId, 'weekly_digest', 'digest-2026-03-06', releasedEntry(progress));
    const second = await claim('digest-2026-03-06');
    expect(second).toEqual({ kind: 'claimed', entry: { ...progress, attempts: 2, claimedAt: expect.any(Date), token: expect.any(String) } });
    // A lease that ran out is taken over like a released one.
    const third = await claim('digest-2026-03-06', 0);
    expect(third).toMatchObject({ kind: 'claimed', entry: { nonce: first.entry.nonce, attempts: 3, firstClaimedAt: first.entry.firstClaimedAt } });
  });

  it('refuses the writes of a worker whose lease ran out once another has claimed the occurrence', async () => {
    const stale = await claim('digest-2026-03-09');
    if (stale.kind !== 'claimed') throw new Error(stale.kind);
    const current = await claim('digest-2026-03-09', 0); // the first worker's lease ran out
    if (current.kind !== 'claimed') throw new Error(current.kind);
    await updateOccurrence(ctx.store, workspaceId, 'weekly_digest', 'digest-2026-03-09', { ...current.entry, sent: { 'channel:1': '601' } });
    // The first worker wakes up and would record the end with what it knew: refused, and the row keeps the current claim's progress.
    await expect(
      updateOccurrence(ctx.store, workspaceId, 'weekly_digest', 'digest-2026-03-09', { ...stale.entry, status: 'sent', sentAt: new Date() }),
    ).rejects.toBeInstanceOf(SummaryLeaseLostError);
    const row = await storage.db.selectFrom('summary_posts').select(['status', 'sent']).where('key', '=', 'digest-2026-03-09').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sending', sent: { 'channel:1': '601' } });
  });

  it('settles a sent occurrence for good and dates the last one sent', async () => {
    expect(await lastSentAt(ctx.store, workspaceId, 'weekly_digest')).toBeNull();
    for (const [key, sentAt] of [
      ['digest-2026-03-13', '2026-03-13T08:00:00.000Z'],
      ['digest-2026-03-20', '2026-03-20T08:00:00.000Z'],
    ] as const) {
      const claimed = await claim(key);
      if (claimed.kind !== 'claimed') throw new Error(claimed.kind);
      expect(await isOccurrenceSent(ctx.store, workspaceId, 'weekly_digest', key)).toBe(false);
      await updateOccurrence(ctx.store, workspaceId, 'weekly_digest', key, { ...claimed.entry, status: 'sent', sentAt: new Date(sentAt) });
      expect(await isOccurrenceSent(ctx.store, workspaceId, 'weekly_digest', key)).toBe(true);
      expect(await claim(key, 0)).toEqual({ kind: 'settled' });
    }
    expect(await lastSentAt(ctx.store, workspaceId, 'weekly_digest')).toEqual(new Date('2026-03-20T08:00:00.000Z'));
    expect(await lastSentAt(ctx.store, workspaceId, 'quarterly_ranking')).toBeNull();
  });

  it('remembers every occurrence, however many', async () => {
    for (let week = 0; week < 40; week += 1) {
      const claimed = await claim(`digest-old-${week}`);
      if (claimed.kind !== 'claimed') throw new Error(claimed.kind);
      await updateOccurrence(ctx.store, workspaceId, 'weekly_digest', `digest-old-${week}`, {
        ...claimed.entry,
        status: 'sent',
        sentAt: new Date('2025-01-01T00:00:00Z'),
      });
    }
    expect(await claim('digest-old-0')).toEqual({ kind: 'settled' });
  });
});
