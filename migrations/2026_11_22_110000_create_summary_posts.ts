import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
// summary_posts is the delivery ledger of the leaders' summaries (weekly digest, quarterly ranking):
// one row per occurrence key ("digest-2026-03-27", "ranking-2026-Q1"). It used to live as JSON in
// schedules.options.ledger, written back whole, so a ledger update and a coordinator's settings
// change could overwrite each other, and it was trimmed to 30 entries. Here each occurrence is a row
// of its own; up moves the entries in, down moves them back.

/** An ISO 8601 instant with milliseconds, as JavaScript's toISOString() wrote the ledger's times. */
const iso = (column: string) => sql`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('summary_posts')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('sending'))
    // Sent with enforce_nonce (plus the target's index): a resend after a crash returns the first message.
    .addColumn('nonce', 'text', (c) => c.notNull().unique())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_claimed_at', 'timestamptz', (c) => c.notNull())
    // The lease: a claim younger than the lease is another worker's.
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull())
    // Fences a worker whose lease ran out: only the current claim may write the row.
    .addColumn('claim_token', 'text')
    // Target key ("channel:123", "dm:456") → message id, or 'failed' for a target that refused for good.
    .addColumn('sent', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('summary_posts_once', ['workspace_id', 'kind', 'key'])
    .addCheckConstraint('summary_posts_kind_valid', sql`kind in ('weekly_digest', 'quarterly_ranking')`)
    .addCheckConstraint('summary_posts_status_valid', sql`status in ('sending', 'sent')`)
    .addCheckConstraint('summary_posts_sent_has_time', sql`status <> 'sent' or sent_at is not null`)
    .addCheckConstraint('summary_posts_attempts_nonnegative', sql`attempts >= 0`)
    .addCheckConstraint('summary_posts_sent_is_object', sql`jsonb_typeof(sent) = 'object'`)
    .execute();
  // "When did the last digest go out": max(sent_at) for one workspace and kind.
  await db.schema.createIndex('summary_posts_last_sent_idx').on('summary_posts').columns(['workspace_id', 'kind', 'sent_at']).execute();

  // An entry the app could not have read (it skipped a ledger that did not parse) is not moved.
  await sql`
    insert into summary_posts (workspace_id, kind, key, status, nonce, attempts, first_claimed_at, claimed_at, sent, sent_at, created_at)
    select s.workspace_id, s.kind, e.key, e.value->>'status', e.value->>'nonce', (e.value->>'attempts')::integer,
           (e.value->>'firstClaimedAt')::timestamptz, (e.value->>'claimedAt')::timestamptz, e.value->'sent',
           (e.value->>'sentAt')::timestamptz, (e.value->>'firstClaimedAt')::timestamptz
    from schedules s
    cross join lateral jsonb_each(case when jsonb_typeof(s.options->'ledger') = 'object' then s.options->'ledger' else '{}'::jsonb end) e
    where jsonb_typeof(e.value) = 'object'
      and e.value->>'status' in ('sending', 'sent')
      and jsonb_typeof(e.value->'nonce') = 'string'
      and jsonb_typeof(e.value->'attempts') = 'number'
      and jsonb_typeof(e.value->'firstClaimedAt') = 'string'
      and jsonb_typeof(e.value->'claimedAt') = 'string'
      and jsonb_typeof(e.value->'sent') = 'object'
      and (e.value->'sentAt' is null or jsonb_typeof(e.value->'sentAt') = 'string')
  `.execute(db);
  await sql`update schedules set options = options - 'ledger' where options->'ledger' is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // The old code kept the ledger in the schedule row and created a disabled one for a digest asked
  // for before any schedule was set (/summary now); do the same for occurrences without a row.
  await sql`
    insert into schedules (workspace_id, kind, enabled)
    select distinct workspace_id, kind, false from summary_posts
    on conflict (workspace_id, kind) do nothing
  `.execute(db);
  await sql`
    update schedules s set options = s.options || jsonb_build_object('ledger', l.ledger)
    from (
      select workspace_id, kind, jsonb_object_agg(key,
        jsonb_build_object('status', status, 'nonce', nonce, 'attempts', attempts, 'firstClaimedAt', ${iso('first_claimed_at')},
                           'claimedAt', ${iso('claimed_at')}, 'sent', sent)
        || case when sent_at is null then '{}'::jsonb else jsonb_build_object('sentAt', ${iso('sent_at')}) end) as ledger
      from summary_posts group by workspace_id, kind
    ) l
    where s.workspace_id = l.workspace_id and s.kind = l.kind
  `.execute(db);
  await db.schema.dropTable('summary_posts').execute();
}
