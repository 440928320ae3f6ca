import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/database.js';
import { createMigrator, migrateToLatest } from '../../src/db/migrate.js';
import { openEmptyStorage, storageKinds } from '../support/storage.js';

const before = '2026_11_22_100000_add_delivery_claims_and_outbound';

/** schedules.options as the app wrote them before summary_posts: settings next to the ledger of occurrences. */
const digestOptions = {
  weekday: 5,
  time: '16:00',
  ledger: {
    'digest-2026-03-06': {
      status: 'sent',
      nonce: 's0123456789abcdef01234',
      attempts: 2,
      firstClaimedAt: '2026-03-06T08:05:00.123Z',
      claimedAt: '2026-03-06T08:10:00.456Z',
      sent: { 'channel:400000000000000001': '500000000000000001', 'dm:300000000000000001': 'failed' },
      sentAt: '2026-03-06T08:10:01.789Z',
    },
    // A failed attempt: released lease, one target done, no sentAt.
    'now-202603090105': {
      status: 'sending',
      nonce: 'sfedcba9876543210fedcb',
      attempts: 1,
      firstClaimedAt: '2026-03-09T01:05:00.000Z',
      claimedAt: '1970-01-01T00:00:00.000Z',
      sent: { 'channel:400000000000000001': '500000000000000002' },
    },
  },
};
const rankingOptions = {
  graceWorkdays: 2,
  time: '09:00',
  ledger: {
    'ranking-2026-Q1': {
      status: 'sent',
      nonce: 's00000000000000000000q',
      attempts: 1,
      firstClaimedAt: '2026-03-27T01:05:00.000Z',
      claimedAt: '2026-03-27T01:05:00.000Z',
      sent: { 'channel:400000000000000001': '500000000000000003' },
      sentAt: '2026-03-27T01:05:02.000Z',
    },
  },
};

interface LegacyEntry {
  status: string;
  nonce: string;
  attempts: number;
  firstClaimedAt: string;
  claimedAt: string;
  sent: Record<string, string>;
  sentAt?: string;
}

/** The summary_posts row a ledger entry becomes. */
const rowOf = (workspaceId: number, kind: string, key: string, entry: LegacyEntry) => ({
  workspace_id: workspaceId,
  kind,
  key,
  status: entry.status,
  nonce: entry.nonce,
  attempts: entry.attempts,
  first_claimed_at: new Date(entry.firstClaimedAt),
  claimed_at: new Date(entry.claimedAt),
  sent: entry.sent,
  sent_at: entry.sentAt ? new Date(entry.sentAt) : null,
});

describe.each(storageKinds)('moving the summary ledger into summary_posts on %s', (kind) => {
  let storage: Storage;
  let first: number;
  let second: number;

  beforeAll(async () => {
    storage = await openEmptyStorage(kind);
    expect((await createMigrator(storage.db).migrateTo(before)).error).toBeUndefined();
    const db = storage.db;
    [first, second] = (
      await db
        .insertInto('workspaces')
        .values([
          { guild_id: '150000000000000001', name: '甲' },
          { guild_id: '150000000000000002', name: '乙' },
        ])
        .returning('id')
        .execute()
    ).map((w) => w.id) as [number, number];
    await db
      .insertInto('schedules')
      .values([
        { workspace_id: first, kind: 'weekly_digest', cron: '0 16 * * 5', options: JSON.stringify(digestOptions) },
        { workspace_id: first, kind: 'quarterly_ranking', cron: '0 9 * * *', options: JSON.stringify(rankingOptions) },
        { workspace_id: second, kind: 'weekly_digest', cron: '0 10 * * 3', options: JSON.stringify({ weekday: 3, time: '10:00' }) },
      ])
      .execute();
  });
  afterAll(async () => {
    await storage?.close();
  });

  const posts = () =>
    storage.db
      .selectFrom('summary_posts')
      .select(['workspace_id', 'kind', 'key', 'status', 'nonce', 'attempts', 'first_claimed_at', 'claimed_at', 'sent', 'sent_at'])
      .orderBy('workspace_id')
      .orderBy('key')
      .execute();
  const options = async () =>
    Object.fromEntries(
      (await storage.db.selectFrom('schedules').select(['workspace_id', 'kind', 'options']).execute()).map((r) => [`${r.workspace_id}:${r.kind}`, r.options]),
    );

  it('moves every ledger entry to a row and leaves the settings in options', async () => {
    await migrateToLatest(storage.db);
    const digest = digestOptions.ledger;
    expect(await posts()).toEqual([
      rowOf(first, 'weekly_digest', 'digest-2026-03-06', digest['digest-2026-03-06']),
      rowOf(first, 'weekly_digest', 'now-202603090105', digest['now-202603090105']),
      rowOf(first, 'quarterly_ranking', 'ranking-2026-Q1', rankingOptions.ledger['ranking-2026-Q1']),
    ]);
    expect(await options()).toEqual({
      [`${first}:weekly_digest`]: { weekday: 5, time: '16:00' },
      [`${first}:quarterly_ranking`]: { graceWorkdays: 2, time: '09:00' },
      [`${second}:weekly_digest`]: { weekday: 3, time: '10:00' },
    });
  });

  it('moves them back on the way down, and in again on the way up, losing nothing', async () => {
    // An occurrence the new code recorded for a kind with no schedule row (a ranking never set up).
    await storage.db
      .insertInto('summary_posts')
      .values({
        workspace_id: second,
        kind: 'quarterly_ranking',
        key: 'ranking-2026-Q2',
        nonce: 's11111111111111111111q',
        attempts: 1,
        first_claimed_at: '2026-06-29T01:05:00.250Z',
        claimed_at: '2026-06-29T01:05:00.250Z',
        sent: '{}',
      })
      .execute();
    const moved = await posts();

    expect((await createMigrator(storage.db).migrateTo(before)).error).toBeUndefined();
    expect(await options()).toEqual({
      [`${first}:weekly_digest`]: digestOptions,
      [`${first}:quarterly_ranking`]: rankingOptions,
      [`${second}:weekly_digest`]: { weekday: 3, time: '10:00' },
      [`${second}:quarterly_ranking`]: {
        ledger: {
          'ranking-2026-Q2': {
            status: 'sending',
            nonce: 's11111111111111111111q',
            attempts: 1,
            firstClaimedAt: '2026-06-29T01:05:00.250Z',
            claimedAt: '2026-06-29T01:05:00.250Z',
            sent: {},
          },
        },
      },
    });
    const added = await storage.db
      .selectFrom('schedules')
      .select(['enabled'])
      .where('workspace_id', '=', second)
      .where('kind', '=', 'quarterly_ranking')
      .execute();
    expect(added).toEqual([{ enabled: false }]);

    await migrateToLatest(storage.db);
    expect(await posts()).toEqual(moved);
  });
});
