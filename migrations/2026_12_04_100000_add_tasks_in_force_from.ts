import type { Kysely } from 'kysely';

// Frozen in time: never import app code here.
// tasks.in_force_from: the first day a task asks for progress reports. Null for the tasks of a notice
// as first imported, which ask for every period of their year however late the notice was imported;
// a task added later (a revised notice, or by hand) asks only from the day it was added.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('in_force_from', 'date').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('in_force_from').execute();
}
