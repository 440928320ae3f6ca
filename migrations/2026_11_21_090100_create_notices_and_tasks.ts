import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
// A notice row is one imported version; tasks are the live work items of a workspace's year and
// keep their id across revisions, so progress stays attached to tasks a revision did not change.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notices')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('issuer', 'text')
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_name', 'text')
    .addColumn('source_text', 'text', (c) => c.notNull())
    .addColumn('parsed', 'jsonb', (c) => c.notNull())
    .addColumn('is_current', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('notices_workspace_year_version_unique', ['workspace_id', 'year', 'version'])
    .addUniqueConstraint('notices_workspace_id_id_unique', ['workspace_id', 'id'])
    .addCheckConstraint('notices_year_valid', sql`year between 2000 and 2100`)
    .addCheckConstraint('notices_version_positive', sql`version > 0`)
    .addCheckConstraint('notices_source_kind_valid', sql`source_kind in ('text', 'docx', 'pdf', 'html')`)
    .execute();
  await db.schema
    .createIndex('notices_one_current_per_year')
    .on('notices')
    .columns(['workspace_id', 'year'])
    .unique()
    .where(sql.ref('is_current'), '=', true)
    .execute();

  await db.schema
    .createTable('sections')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('notice_id', 'integer', (c) => c.notNull())
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('sections_notice_fk', ['workspace_id', 'notice_id'], 'notices', ['workspace_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addUniqueConstraint('sections_notice_position_unique', ['notice_id', 'position'])
    .addCheckConstraint('sections_no_positive', sql`no > 0`)
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('notice_id', 'integer', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
    // seq: the task's place in document order, the number people type in /task.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('no', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('deadline_phrase', 'text')
    .addColumn('due_date', 'date')
    .addColumn('extended_due_date', 'date')
    .addColumn('targets', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('leader_person', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    .addColumn('retired_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('tasks_notice_fk', ['workspace_id', 'notice_id'], 'notices', ['workspace_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addUniqueConstraint('tasks_workspace_id_id_unique', ['workspace_id', 'id'])
    .addCheckConstraint('tasks_seq_positive', sql`seq > 0`)
    .addCheckConstraint('tasks_state_valid', sql`state in ('open', 'closed')`)
    .addCheckConstraint('tasks_closed_consistent', sql`(state = 'closed') = (closed_at is not null)`)
    .execute();
  await db.schema
    .createIndex('tasks_live_seq_unique')
    .on('tasks')
    .columns(['workspace_id', 'year', 'seq'])
    .unique()
    .where(sql.ref('retired_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('task_units')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer')
    // A collective name (各镇政府(街道办事处)) is kept as written and expanded through the directory when used.
    .addColumn('collective_id', 'integer')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name_as_written', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('task_units_task_fk', ['workspace_id', 'task_id'], 'tasks', ['workspace_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addForeignKeyConstraint('task_units_unit_fk', ['workspace_id', 'unit_id'], 'units', ['workspace_id', 'id'])
    .addForeignKeyConstraint('task_units_collective_fk', ['workspace_id', 'collective_id'], 'collective_names', ['workspace_id', 'id'])
    .addUniqueConstraint('task_units_task_unit_unique', ['task_id', 'unit_id'])
    .addUniqueConstraint('task_units_task_collective_unique', ['task_id', 'collective_id'])
    .addUniqueConstraint('task_units_task_position_unique', ['task_id', 'position'])
    .addCheckConstraint('task_units_role_valid', sql`role in ('lead', 'support')`)
    .addCheckConstraint('task_units_one_target', sql`(unit_id is null) <> (collective_id is null)`)
    .execute();
  await db.schema.createIndex('task_units_unit_idx').on('task_units').column('unit_id').execute();

  await db.schema
    .createTable('task_actions')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('workspace_id', 'integer', (c) => c.notNull())
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('new_due_date', 'date')
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('task_actions_task_fk', ['workspace_id', 'task_id'], 'tasks', ['workspace_id', 'id'], (fk) => fk.onDelete('cascade'))
    .addCheckConstraint('task_actions_action_valid', sql`action in ('close', 'reopen', 'send_back', 'extend')`)
    .addCheckConstraint('task_actions_send_back_has_reason', sql`action <> 'send_back' or length(btrim(coalesce(reason, ''))) > 0`)
    .addCheckConstraint('task_actions_extend_has_date', sql`action <> 'extend' or new_due_date is not null`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['task_actions', 'task_units', 'tasks', 'sections', 'notices']) {
    await db.schema.dropTable(table).execute();
  }
}
