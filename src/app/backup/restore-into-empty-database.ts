import type { Db } from '../../db/database.js';
import { createMigrator, migrateToLatest, MigrationError } from '../../db/migrate.js';
import { UserError } from '../../errors.js';
import type { BackupDocument } from './backup-document.js';
import { notEmptyError, restoreWorkspace, tablesWithRows, type RestoreResult } from './restore-workspace.js';

/**
 * What `duban restore` does: refuse a database with data in it; bring the empty schema to the
 * migrations the file was written at; load the rows; then migrate to the latest schema, so later
 * migrations convert the restored data exactly as they would have converted the original.
 */
export async function restoreIntoEmptyDatabase(db: Db, document: BackupDocument): Promise<RestoreResult & { migrated: string[] }> {
  const filled = await tablesWithRows(db);
  if (filled.length > 0) throw notEmptyError(filled);
  const migrator = createMigrator(db);
  const known = (await migrator.getMigrations()).map((m) => m.name);
  const unknown = document.migrations.filter((name) => !known.includes(name));
  if (unknown.length > 0 || document.migrations.some((name, i) => known[i] !== name)) {
    throw new UserError(
      'backup_from_other_version',
      `备份文件来自另一个版本的 duban(数据库结构 ${document.migrations.at(-1)}),本版本不认识${unknown.length ? `:${unknown.join('、')}` : '其中的迁移顺序'}。请用不低于备份时的 duban 版本恢复。`,
    );
  }
  const target = document.migrations.at(-1) as string;
  const moved = await migrator.migrateTo(target);
  if (moved.error) throw new MigrationError(`Migration to ${target} failed: ${(moved.error as Error).message ?? String(moved.error)}`, moved.results);
  const result = await restoreWorkspace(db, document);
  const migrated = await migrateToLatest(db);
  return { ...result, migrated };
}
