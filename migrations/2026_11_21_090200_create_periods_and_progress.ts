import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
// progress_reports holds the latest state of one unit's report on one task in one period;
// progress_revisions keeps every submission (who, when, what) so nothing is overwritten.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reporting_periods')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('reporting_periods_workspace_key_unique', ['workspace_id', 'key'])
    .addUniqueConstraint('reporting_periods_workspace_id_id_unique', ['workspace_id', 'id'])
    .addCheckConstraint('reporting_periods_span_valid', sql`ends_on >= starts_on`)
    .addCheckConstraint('reporting_periods_key_safe', sql`key ~ '^[A-Za-z0-9_-]{1,40}$'`)
    .execute();

  await db.schema
    .createTable('progress_reports')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('period_id', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('late', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('perfunctory', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('rating', 'text')
    .addColumn('rated_by', 'text')
    .addColumn('first_submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('progress_reports_task_fk', ['workspace_id', 'task_id'], 'tasks', ['workspace_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('progress_reports_unit_fk', ['workspace_id', 'unit_id'], 'units', ['workspace_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('progress_reports_period_fk', ['workspace_id', 'period_id'], 'reporting_periods', ['workspace_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addUniqueConstraint('progress_reports_task_unit_period_unique', ['task_id', 'unit_id', 'period_id'])
    .addUniqueConstraint('progress_reports_workspace_id_id_unique', ['workspace_id', 'id'])
    .addCheckConstraint('progress_reports_status_valid', sql`status in ('not_started', 'in_progress', 'done', 'blocked')`)
    .addCheckConstraint('progress_reports_percent_range', sql`percent is null or percent between 0 and 100`)
    .addCheckConstraint('progress_reports_revision_positive', sql`revision > 0`)
    .addCheckConstraint('progress_reports_rating_valid', sql`rating is null or rating in ('excellent', 'good', 'fair', 'poor')`)
    .execute();
  await db.schema.createIndex('progress_reports_period_unit_idx').on('progress_reports').columns(['period_id', 'unit_id']).execute();

  await db.schema
    .createTable('progress_revisions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('report_id', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer')
    .addColumn('late', 'boolean', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('progress_revisions_report_fk', ['workspace_id', 'report_id'], 'progress_reports', ['workspace_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addUniqueConstraint('progress_revisions_report_revision_unique', ['report_id', 'revision'])
    .addCheckConstraint('progress_revisions_status_valid', sql`status in ('not_started', 'in_progress', 'done', 'blocked')`)
    .addCheckConstraint('progress_revisions_percent_range', sql`percent is null or percent between 0 and 100`)
    .addCheckConstraint('progress_revisions_source_valid', sql`source in ('modal', 'command', 'reply', 'cli')`)
    .execute();

  await db.schema
    .createTable('evidence_files')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('revision_id', 'integer', (c) => c.notNull().references('progress_revisions.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text')
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // Stored, not linked: Discord's CDN links expire.
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('evidence_files_size_valid', sql`size_bytes >= 0 and size_bytes = octet_length(content)`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['evidence_files', 'progress_revisions', 'progress_reports', 'reporting_periods']) {
    await db.schema.dropTable(table).execute();
  }
}
