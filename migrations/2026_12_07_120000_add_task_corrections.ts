import { sql, type Kysely } from 'kysely';

// Frozen in time: never import app code here.
// A coordinator's corrections to a task (/task edit, /task add, /task remove):
// - tasks.corrected_fields: which of the task's fields a coordinator set by hand ('title', 'lead',
//   'supporting', 'deadline', 'section'; 'added' for a task added by hand), so that a later
//   re-import keeps them where the revised notice did not change that task. The corrected values
//   are the task's own columns and units.
// - tasks.retired_by / retired_reason: who retired the task by hand and why (null for a task a
//   revised notice dropped); only such a task can be restored.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('tasks')
    .addColumn('corrected_fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('retired_by', 'text')
    .addColumn('retired_reason', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('corrected_fields').dropColumn('retired_by').dropColumn('retired_reason').execute();
}
