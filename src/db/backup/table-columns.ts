import { sql } from 'kysely';
import type { DbOrTx } from '../database.js';
import type { ColumnInfo } from '../../app/backup/backup-document.js';
import { exportedTables, tablesNotExported } from './backup-tables.js';

export type { ColumnInfo };

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
}

/** The column types a backup knows how to carry exactly; any other type stops export and restore. */
export const supportedColumnTypes = new Set([
  'integer',
  'smallint',
  'bigint',
  'text',
  'character varying',
  'boolean',
  'jsonb',
  'json',
  'timestamp with time zone',
  'date',
  'numeric',
  'bytea',
]);

export async function listTables(db: DbOrTx): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name`.execute(db);
  return rows.map((r) => r.table_name);
}

/** Tables in the database that the backup neither carries nor leaves out on purpose. */
export function uncoveredTables(tables: readonly string[]): string[] {
  const known = new Set<string>([...exportedTables.map((t) => t.name), ...Object.keys(tablesNotExported)]);
  return tables.filter((t) => !known.has(t));
}

/**
 * Fails loudly when the schema has a table the backup does not know. Returns the exported tables
 * present in this schema (an older schema, restored before migrating up, lacks the newer ones).
 */
export async function assertBackupCoversSchema(db: DbOrTx): Promise<(typeof exportedTables)[number][]> {
  const tables = await listTables(db);
  const unknown = uncoveredTables(tables);
  if (unknown.length > 0) {
    throw new Error(
      `The backup does not cover the tables ${unknown.join(', ')}: add each to exportedTables or tablesNotExported in src/db/backup/backup-tables.ts.`,
    );
  }
  return exportedTables.filter((t) => tables.includes(t.name));
}

export async function describeTable(db: DbOrTx, table: string): Promise<TableInfo> {
  const { rows } = await sql<{ column_name: string; data_type: string; is_identity: string; is_generated: string; is_nullable: string }>`
    select column_name, data_type, is_identity, is_generated, is_nullable from information_schema.columns
    where table_schema = current_schema() and table_name = ${table}
    order by ordinal_position`.execute(db);
  const { rows: keys } = await sql<{ column_name: string }>`
    select k.column_name from information_schema.table_constraints c
    join information_schema.key_column_usage k on k.constraint_name = c.constraint_name and k.table_schema = c.table_schema and k.table_name = c.table_name
    where c.table_schema = current_schema() and c.table_name = ${table} and c.constraint_type = 'PRIMARY KEY'
    order by k.ordinal_position`.execute(db);
  const columns = rows.map((r) => ({
    name: r.column_name,
    type: r.data_type,
    identity: r.is_identity === 'YES',
    generated: r.is_generated === 'ALWAYS',
    nullable: r.is_nullable === 'YES',
  }));
  const unsupported = columns.filter((c) => !supportedColumnTypes.has(c.type));
  if (unsupported.length > 0) {
    throw new Error(
      `The backup cannot carry ${table}.${unsupported.map((c) => `${c.name} (${c.type})`).join(', ')}: teach src/db/backup/table-columns.ts that type.`,
    );
  }
  return { name: table, columns, primaryKey: keys.map((k) => k.column_name) };
}
