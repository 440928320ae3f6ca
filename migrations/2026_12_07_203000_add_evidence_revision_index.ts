import type { Kysely } from 'kysely';

// Frozen in time: never import app code here.
// Evidence files are found by their revision: /task show counts a task's files and the ledger lists them
// (revision_id in (…)), and deleting a report's revisions cascades to them. Without this index each of
// those read every row of evidence_files.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('evidence_files_revision_idx').on('evidence_files').column('revision_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('evidence_files_revision_idx').execute();
}
