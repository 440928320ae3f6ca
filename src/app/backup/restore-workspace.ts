import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../db/database.js';
import { UserError } from '../../errors.js';
import type { BackupDocument, BackupRow } from './backup-document.js';
import { readAppliedMigrations } from './export-workspace.js';
import { assertBackupCoversSchema, describeTable, listTables, type ColumnInfo } from './table-columns.js';

// Postgres allows 65,535 parameters in one statement.
const MAX_PARAMETERS = 30_000;
const MAX_ROWS_PER_INSERT = 500;

/** Tables holding at least one row, among all the database's tables except the migrator's own. */
export async function tablesWithRows(db: DbOrTx): Promise<string[]> {
  const tables = (await listTables(db)).filter((t) => !t.startsWith('kysely_migration'));
  const filled: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ filled: boolean }>`select exists (select 1 from ${sql.table(table)}) as filled`.execute(db);
    if (rows[0]?.filled) filled.push(table);
  }
  return filled;
}

export function notEmptyError(tables: readonly string[]): UserError {
  return new UserError(
    'restore_target_not_empty',
    `目标数据库不是空的(${tables.slice(0, 5).join('、')}${tables.length > 5 ? ' 等' : ''}表中已有数据),为避免覆盖,拒绝恢复。请恢复到一个新建的空数据库(或新的 DATA_DIR)。`,
  );
}

function writeValue(column: ColumnInfo, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.type === 'json' || column.type === 'jsonb') return JSON.stringify(value);
  if (column.type === 'bytea') {
    if (typeof value !== 'string') throw new UserError('backup_invalid', `备份文件中 ${column.name} 列的内容不是 base64 文本,文件可能已损坏。`);
    return Buffer.from(value, 'base64');
  }
  return value;
}

async function insertRows(trx: DbOrTx, table: string, columns: ColumnInfo[], rows: BackupRow[]): Promise<void> {
  const known = new Map(columns.map((c) => [c.name, c]));
  for (const row of rows) {
    const unknown = Object.keys(row).filter((name) => !known.has(name));
    if (unknown.length > 0) throw new UserError('backup_schema_mismatch', `备份文件中 ${table} 表有本数据库没有的列(${unknown.join('、')}),无法恢复。`);
  }
  const writable = columns.filter((c) => !c.generated);
  const hasIdentity = writable.some((c) => c.identity);
  const perInsert = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / Math.max(1, writable.length))));
  for (let start = 0; start < rows.length; start += perInsert) {
    const chunk = rows.slice(start, start + perInsert);
    const values = chunk.map((row) => sql`(${sql.join(writable.map((c) => (c.name in row ? sql`${writeValue(c, row[c.name])}` : sql`default`)))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(writable.map((c) => sql.id(c.name)))}) ${hasIdentity ? sql`overriding system value` : sql``} values ${sql.join(values)}`.execute(trx);
  }
  // Ids were kept: move each identity sequence past the largest one, or the next insert would collide.
  for (const column of writable.filter((c) => c.identity)) {
    await sql`select setval(pg_get_serial_sequence(${table}, ${column.name}), coalesce((select max(${sql.id(column.name)}) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
  }
}

export interface RestoreResult {
  workspaceId: number;
  guildId: string;
  rows: Record<string, number>;
}

/**
 * Loads an exported workspace into an empty database whose schema is at the file's migrations,
 * in one transaction, keeping every id. Refuses a database that holds any data.
 */
export async function restoreWorkspace(db: Db, document: BackupDocument): Promise<RestoreResult> {
  return db.transaction().execute(async (trx) => {
    const applied = await readAppliedMigrations(trx);
    if (applied.join('\n') !== document.migrations.join('\n')) {
      throw new UserError('backup_schema_mismatch', `数据库结构版本(${applied.at(-1) ?? '无'})与备份文件(${document.migrations.at(-1)})不同,无法直接恢复。`);
    }
    const present = await assertBackupCoversSchema(trx);
    const names = new Set<string>(present.map((t) => t.name));
    const unknown = Object.keys(document.tables).filter((t) => !names.has(t));
    const missing = [...names].filter((t) => !(t in document.tables));
    if (unknown.length > 0 || missing.length > 0) {
      throw new UserError('backup_schema_mismatch', `备份文件的表与其数据库结构版本不符(${[...unknown.map((t) => `多出 ${t}`), ...missing.map((t) => `缺少 ${t}`)].join('、')}),文件可能已损坏,无法恢复。`);
    }
    const filled = await tablesWithRows(trx);
    if (filled.length > 0) throw notEmptyError(filled);
    const rows: Record<string, number> = {};
    for (const table of present) {
      const info = await describeTable(trx, table.name);
      const tableRows = document.tables[table.name] ?? [];
      const outside = tableRows.filter((row) => row[table.scope] !== document.workspace.id);
      if (outside.length > 0) throw new UserError('backup_invalid', `备份文件中 ${table.name} 表有不属于该工作区的行,文件可能已被改动,拒绝恢复。`);
      await insertRows(trx, table.name, info.columns, tableRows);
      rows[table.name] = tableRows.length;
    }
    return { workspaceId: document.workspace.id, guildId: document.workspace.guildId, rows };
  });
}
