import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
// summary_subscribers: leaders who asked (/summary dm) for the leaders' summaries in their DMs, beside
// the leaders bound to a unit. Who holds the leaders' role is Discord's to know; the bot cannot list
// a role's members without the privileged members intent, so a leader opts in themselves.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('summary_subscribers')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('summary_subscribers_pkey', ['workspace_id', 'user_id'])
    .addCheckConstraint('summary_subscribers_user_is_snowflake', sql`user_id ~ '^[0-9]{1,20}$'`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('summary_subscribers').execute();
}
