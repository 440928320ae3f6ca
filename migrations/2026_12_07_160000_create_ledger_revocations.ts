import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
// ledger_revocations: /ledger revoke. The web ledger's links are signed tokens that carry when they
// were issued; every link a person was given in a workspace before revoked_before is refused, checked
// on every request. One row per person and workspace, moved forward by each revoke.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ledger_revocations')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('revoked_before', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_revocations_pkey', ['workspace_id', 'user_id'])
    .addCheckConstraint('ledger_revocations_user_is_snowflake', sql`user_id ~ '^[0-9]{1,20}$'`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ledger_revocations').execute();
}
