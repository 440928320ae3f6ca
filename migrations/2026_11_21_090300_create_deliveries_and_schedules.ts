import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
// reminder_deliveries is the ledger that makes a reminder go out once: one row per
// unit, period, stage and occasion (empty for planned stages, the local date for a nudge).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reminder_deliveries')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('period_id', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('occasion', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('fire_at', 'timestamptz', (c) => c.notNull())
    // The nonce sent with enforce_nonce: a resend after a crash returns the first message instead of a second one.
    .addColumn('nonce', 'text', (c) => c.notNull().unique())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('channel_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('fallback_used', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('last_error', 'text')
    .addColumn('claimed_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('reminder_deliveries_unit_fk', ['workspace_id', 'unit_id'], 'units', ['workspace_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('reminder_deliveries_period_fk', ['workspace_id', 'period_id'], 'reporting_periods', ['workspace_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addUniqueConstraint('reminder_deliveries_once', ['unit_id', 'period_id', 'stage', 'occasion'])
    .addCheckConstraint('reminder_deliveries_stage_valid', sql`stage in ('before5', 'before1', 'due', 'after1', 'after3', 'nudge')`)
    .addCheckConstraint('reminder_deliveries_status_valid', sql`status in ('pending', 'sending', 'sent', 'failed', 'cancelled', 'skipped')`)
    .addCheckConstraint('reminder_deliveries_sent_has_message', sql`status <> 'sent' or (message_id is not null and sent_at is not null)`)
    .addCheckConstraint('reminder_deliveries_attempts_nonnegative', sql`attempts >= 0`)
    .execute();
  await db.schema.createIndex('reminder_deliveries_status_idx').on('reminder_deliveries').columns(['workspace_id', 'status']).execute();

  await db.schema
    .createTable('schedules')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('cron', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
    .addColumn('channel_id', 'text')
    .addColumn('dm_leaders', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('schedules_workspace_kind_unique', ['workspace_id', 'kind'])
    .addCheckConstraint('schedules_kind_valid', sql`kind in ('weekly_digest', 'quarterly_ranking')`)
    .execute();

  await db.schema
    .createTable('holiday_calendars')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('holidays', 'jsonb', (c) => c.notNull())
    .addColumn('make_up_workdays', 'jsonb', (c) => c.notNull())
    .addColumn('loaded_by', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('holiday_calendars_pk', ['workspace_id', 'year'])
    .addCheckConstraint('holiday_calendars_year_valid', sql`year between 2000 and 2100`)
    .execute();

  await db.schema
    .createTable('score_adjustments')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('period_id', 'integer', (c) => c.notNull())
    .addColumn('points', 'numeric(6, 2)', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('awarded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('score_adjustments_unit_fk', ['workspace_id', 'unit_id'], 'units', ['workspace_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('score_adjustments_period_fk', ['workspace_id', 'period_id'], 'reporting_periods', ['workspace_id', 'id'], (fk) =>
      fk.onDelete('cascade'),
    )
    .addCheckConstraint('score_adjustments_reason_given', sql`length(btrim(reason)) > 0`)
    .execute();

  await db.schema
    .createTable('ranking_snapshots')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    // null quarter: the year's combined ranking.
    .addColumn('quarter', 'integer')
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('ranking_snapshots_quarter_valid', sql`quarter is null or quarter between 1 and 4`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['ranking_snapshots', 'score_adjustments', 'holiday_calendars', 'schedules', 'reminder_deliveries']) {
    await db.schema.dropTable(table).execute();
  }
}
