import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
// Rankings, /status, the reminders and the digest read all of a workspace's reports in a period in one
// pass (workspace_id = … and period_id in (…)). This index finds them by both columns and carries what
// scoring reads, so Postgres answers from the index alone (an index-only scan) without visiting the
// table; the report's text stays out of it (only the ranking workbook reads it).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index progress_reports_workspace_period_idx on progress_reports (workspace_id, period_id)
      include (task_id, unit_id, status, percent, late, perfunctory, rating, last_submitted_at, sent_back_at, sent_back_reason)
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('progress_reports_workspace_period_idx').execute();
}
