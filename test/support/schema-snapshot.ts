import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';

/** Everything that defines the public schema, as sorted text lines, so two schemas can be compared. */
export async function snapshotSchema(db: Db): Promise<string[]> {
  const columns = await sql<{ line: string }>`
    select table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
      || ' default=' || coalesce(column_default, '') || ' identity=' || is_identity as line
    from information_schema.columns where table_schema = 'public' and table_name not like 'kysely_%'`.execute(db);
  const constraints = await sql<{ line: string }>`
    select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as line
    from pg_constraint where connamespace = 'public'::regnamespace and conrelid::regclass::text not like 'kysely_%'`.execute(db);
  const indexes = await sql<{ line: string }>`
    select indexdef as line from pg_indexes where schemaname = 'public' and tablename not like 'kysely_%'`.execute(db);
  return [...columns.rows, ...constraints.rows, ...indexes.rows].map((r) => r.line).sort();
}
