import type { Db } from '../database.js';
import { sql } from 'kysely';
import { createMigrator, MigrationError } from '../migrate.js';
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
  // Kysely 0.28's migrator cannot run inside a Transaction object, so the transaction is opened by
  // hand on one connection and the migrator told not to open its own.
  return db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      const filled = await tablesWithRows(conn);
      if (filled.length > 0) throw notEmptyError(filled);
      const target = document.migrations.at(-1) as string;
      const moved = await createMigrator(conn, { inOpenTransaction: true }).migrateTo(target);
      if (moved.error) throw new MigrationError(`Migration to ${target} failed: ${(moved.error as Error).message ?? String(moved.error)}`, moved.results);
      const result = await restoreWorkspace(conn, document);
      const latest = await createMigrator(conn, { inOpenTransaction: true }).migrateToLatest();
      if (latest.error) throw new MigrationError(`Migration to latest failed: ${(latest.error as Error).message ?? String(latest.error)}`, latest.results);
      await sql`commit`.execute(conn);
      return { ...result, migrated: (latest.results ?? []).map((r) => r.migrationName) };
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}
