import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
// Adds what exactly-once delivery and the coordinator's actions need:
// - a claim token and the first claim time on the reminder ledger (the token fences a worker whose
//   lease ran out; the first claim bounds the channel history searched for a message already sent);
// - the audience a reminder was planned for, so a later plan edit does not re-aim one already queued;
// - outbound_messages: the same ledger for everything else the bot posts on its own (task actions,
//   notes to coordinators), so those are sent once, retried, and listed when they fail;
// - send-back state on progress reports, and each workspace's reporting cadence.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('reminder_deliveries')
    .addColumn('audience', 'text', (c) => c.notNull().defaultTo('liaison'))
    .addColumn('claim_token', 'text')
    .addColumn('first_claimed_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('reminder_deliveries')
    .addCheckConstraint('reminder_deliveries_audience_valid', sql`audience in ('liaison', 'escalation')`)
    .execute();
  await db.schema.createIndex('reminder_deliveries_message_idx').on('reminder_deliveries').column('message_id').execute();

  await db.schema
    .createTable('outbound_messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // One message per happening: a second request for the same key is the same message.
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('nonce', 'text', (c) => c.notNull().unique())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('channel_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('fallback_used', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('last_error', 'text')
    .addColumn('claim_token', 'text')
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('first_claimed_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('outbound_messages_unit_fk', ['workspace_id', 'unit_id'], 'units', ['workspace_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addUniqueConstraint('outbound_messages_workspace_key_unique', ['workspace_id', 'dedupe_key'])
    .addCheckConstraint('outbound_messages_kind_valid', sql`kind in ('task_action', 'dm_fallback', 'calendar_coverage')`)
    .addCheckConstraint('outbound_messages_audience_valid', sql`audience in ('unit', 'coordinators')`)
    .addCheckConstraint('outbound_messages_unit_audience', sql`audience <> 'unit' or unit_id is not null`)
    .addCheckConstraint('outbound_messages_status_valid', sql`status in ('pending', 'sending', 'sent', 'failed', 'cancelled', 'skipped')`)
    .addCheckConstraint('outbound_messages_sent_has_message', sql`status <> 'sent' or (message_id is not null and sent_at is not null)`)
    .execute();
  await db.schema.createIndex('outbound_messages_status_idx').on('outbound_messages').columns(['workspace_id', 'status']).execute();

  await db.schema.alterTable('progress_reports').addColumn('sent_back_at', 'timestamptz').addColumn('sent_back_reason', 'text').execute();

  await db.schema.alterTable('workspaces').addColumn('reporting_cadence', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspaces').dropColumn('reporting_cadence').execute();
  await db.schema.alterTable('progress_reports').dropColumn('sent_back_reason').dropColumn('sent_back_at').execute();
  await db.schema.dropTable('outbound_messages').execute();
  await db.schema.dropIndex('reminder_deliveries_message_idx').execute();
  await db.schema.alterTable('reminder_deliveries').dropConstraint('reminder_deliveries_audience_valid').execute();
  await db.schema.alterTable('reminder_deliveries').dropColumn('first_claimed_at').dropColumn('claim_token').dropColumn('audience').execute();
}
