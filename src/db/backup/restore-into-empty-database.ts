import type { Db } from '../database.js';
import { createMigrator, migrateToLatest, MigrationError } from '../migrate.js';
import { UserError } from '../../errors.js';
import type { BackupDocument } from '../../app/backup/backup-document.js';
import { notEmptyError, restoreWorkspace, tablesWithRows, type RestoreResult } from './restore-workspace.js';

/**
 * What `duban restore` does, in one transaction: refuse a database with data in it; bring the empty
 * schema to the migrations the file was written at; load the rows; then migrate to the latest schema,
 * so later migrations convert the restored data exactly as they would have converted the original.
 * PostgreSQL's DDL is transactional, so a restore that fails anywhere — a bad row, a migration —
 * leaves the database exactly as it was, schema included.
 */
export async function restoreIntoEmptyDatabase(db: Db, document: BackupDocument): Promise<RestoreResult & { migrated: string[] }> {
  const migrator = createMigrator(db);
  const known = (await migrator.getMigrations()).map((m) => m.name);
  const unknown = document.migrations.filter((name) => !known.includes(name));
  if (unknown.length > 0 || document.migrations.some((name, i) => known[i] !== name)) {
    throw new UserError(
      'backup_from_other_version',
      `备份文件来自另一个版本的 duban(数据库结构 ${document.migrations.at(-1)}),本版本不认识${unknown.length ? `:${unknown.join('、')}` : '其中的迁移顺序'}。请用不低于备份时的 duban 版本恢复。`,
    );
  }
  return db.transaction().execute(async (trx) => {
    const filled = await tablesWithRows(trx);
    if (filled.length > 0) throw notEmptyError(filled);
    const target = document.migrations.at(-1) as string;
    // Kysely's migrator runs inside a transaction it is given (and takes its lock there).
    const moved = await createMigrator(trx).migrateTo(target);
    if (moved.error) throw new MigrationError(`Migration to ${target} failed: ${(moved.error as Error).message ?? String(moved.error)}`, moved.results);
    const result = await restoreWorkspace(trx, document);
    const migrated = await migrateToLatest(trx);
    return { ...result, migrated };
  });
}
