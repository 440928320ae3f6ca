import { sql } from 'kysely';
import type { Db, DbOrTx } from '../database.js';
import { UserError } from '../../errors.js';
import type { BackupDocument, BackupRow } from '../../app/backup/backup-document.js';
import { readAppliedMigrations } from './export-workspace.js';
import { badValueError, describeRow, isRowError, RESTORE_REFUSED, rowRefusedError } from '../../app/backup/restore-error.js';
import { ruleProblem } from '../../app/backup/restore-rules.js';
import { columnValueProblem } from '../../app/backup/restore-values.js';
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
  if (column.type === 'bytea') return Buffer.from(value as string, 'base64');
  return value;
}

/**
 * Checks every row of a table before any is written: columns the schema lacks, values that do not fit
 * their column's type, and the rules the commands enforce. The first problem stops the restore with a
 * message naming the table, row and column.
 */
function checkRows(table: string, columns: ColumnInfo[], rows: BackupRow[]): void {
  const known = new Map(columns.map((c) => [c.name, c]));
  rows.forEach((row, index) => {
    const unknown = Object.keys(row).filter((name) => !known.has(name));
    if (unknown.length > 0)
      throw new UserError(
        'backup_schema_mismatch',
        `${RESTORE_REFUSED}:备份文件中 ${describeRow(table, index, row)}有本数据库没有的列(${unknown.join('、')}),无法恢复。`,
      );
    for (const column of columns) {
      if (!(column.name in row) || column.generated) continue;
      const problem = columnValueProblem(column, row[column.name]);
      if (problem) throw badValueError(table, index, row, column.name, problem);
    }
    const broken = ruleProblem(table, row);
    if (broken) throw badValueError(table, index, row, broken.column, `不符合规则:${broken.message.replace(/[。.]$/, '')}`);
  });
}

async function insertChunk(trx: DbOrTx, table: string, writable: ColumnInfo[], hasIdentity: boolean, rows: BackupRow[]): Promise<void> {
  const values = rows.map((row) => sql`(${sql.join(writable.map((c) => (c.name in row ? sql`${writeValue(c, row[c.name])}` : sql`default`)))})`);
  await sql`insert into ${sql.table(table)} (${sql.join(writable.map((c) => sql.id(c.name)))}) ${hasIdentity ? sql`overriding system value` : sql``} values ${sql.join(values)}`.execute(
    trx,
  );
}

/**
 * Inserts many rows per statement; when the database refuses a statement (a duplicate key, a row
 * pointing at nothing), the statement is undone to a savepoint and its rows are tried one by one to
 * name the row that was refused. Nothing of it stays: the caller's transaction is rolled back.
 */
async function insertRows(trx: DbOrTx, table: string, columns: ColumnInfo[], rows: BackupRow[]): Promise<void> {
  const writable = columns.filter((c) => !c.generated);
  const hasIdentity = writable.some((c) => c.identity);
  const perInsert = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / Math.max(1, writable.length))));
  for (let start = 0; start < rows.length; start += perInsert) {
    const chunk = rows.slice(start, start + perInsert);
    await sql`savepoint restore_chunk`.execute(trx);
    try {
      await insertChunk(trx, table, writable, hasIdentity, chunk);
      await sql`release savepoint restore_chunk`.execute(trx);
      continue;
    } catch (error) {
      if (!isRowError(error)) throw error;
      await sql`rollback to savepoint restore_chunk`.execute(trx);
      for (const [offset, row] of chunk.entries()) {
        await sql`savepoint restore_row`.execute(trx);
        try {
          await insertChunk(trx, table, writable, hasIdentity, [row]);
          await sql`release savepoint restore_row`.execute(trx);
        } catch (rowError) {
          if (!isRowError(rowError)) throw rowError;
          throw rowRefusedError(table, start + offset, row, rowError);
        }
      }
      // Each row alone was accepted: name the first row of the statement the database refused.
      throw rowRefusedError(table, start, chunk[0] ?? {}, error);
    }
  }
  // Ids were kept: move each identity sequence past the largest one, or the next insert would collide.
  for (const column of writable.filter((c) => c.identity)) {
    await sql`select setval(pg_get_serial_sequence(${table}, ${column.name}), coalesce((select max(${sql.id(column.name)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
      trx,
    );
  }
}

export interface RestoreResult {
  workspaceId: number;
  guildId: string;
  rows: Record<string, number>;
}

/**
 * Loads an exported workspace into an empty database whose schema is at the file's migrations,
 * keeping every id, in one transaction (the caller's, when given one). Refuses a database that holds
 * any data, and a file with a value that does not fit its column or breaks a rule of the commands.
 */
export async function restoreWorkspace(db: DbOrTx, document: BackupDocument): Promise<RestoreResult> {
  if (!db.isTransaction) return (db as Db).transaction().execute((trx) => restoreWorkspace(trx, document));
  const trx = db;
  const applied = await readAppliedMigrations(trx);
  if (applied.join('\n') !== document.migrations.join('\n')) {
    throw new UserError('backup_schema_mismatch', `数据库结构版本(${applied.at(-1) ?? '无'})与备份文件(${document.migrations.at(-1)})不同,无法直接恢复。`);
  }
  const present = await assertBackupCoversSchema(trx);
  const names = new Set<string>(present.map((t) => t.name));
  const unknown = Object.keys(document.tables).filter((t) => !names.has(t));
  const missing = [...names].filter((t) => !(t in document.tables));
  if (unknown.length > 0 || missing.length > 0) {
    throw new UserError(
      'backup_schema_mismatch',
      `备份文件的表与其数据库结构版本不符(${[...unknown.map((t) => `多出 ${t}`), ...missing.map((t) => `缺少 ${t}`)].join('、')}),文件可能已损坏,无法恢复。`,
    );
  }
  const filled = await tablesWithRows(trx);
  if (filled.length > 0) throw notEmptyError(filled);
  const tables = [];
  for (const table of present) tables.push({ ...table, info: await describeTable(trx, table.name), rows: document.tables[table.name] ?? [] });
  // Every row of every table is checked before the first insert: a bad value late in the file costs no work.
  for (const table of tables) {
    const outside = table.rows.findIndex((row) => row[table.scope] !== document.workspace.id);
    if (outside !== -1) {
      throw new UserError(
        'backup_invalid',
        `${RESTORE_REFUSED}:备份文件中 ${describeRow(table.name, outside, table.rows[outside] ?? {})}不属于该工作区(${table.scope} 列),文件可能已被改动。`,
      );
    }
    checkRows(table.name, table.info.columns, table.rows);
  }
  const rows: Record<string, number> = {};
  for (const table of tables) {
    await insertRows(trx, table.name, table.info.columns, table.rows);
    rows[table.name] = table.rows.length;
  }
  return { workspaceId: document.workspace.id, guildId: document.workspace.guildId, rows };
}
