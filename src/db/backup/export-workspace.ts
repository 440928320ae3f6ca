import { sql, type RawBuilder } from 'kysely';
import type { Db, DbOrTx } from '../database.js';
import { UserError } from '../../errors.js';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupDocument, type BackupRow } from '../../app/backup/backup-document.js';
import { assertBackupCoversSchema, describeTable, type ColumnInfo } from './table-columns.js';

/** Reads a column so that the value written back is exactly the one read (no Date rounding, no float numerics). */
function readExpression(column: ColumnInfo): RawBuilder<unknown> {
  const ref = sql.id(column.name);
  switch (column.type) {
    case 'timestamp with time zone':
      return sql`to_char(${ref} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    case 'date':
      return sql`to_char(${ref}, 'YYYY-MM-DD')`;
    case 'numeric':
    case 'bigint':
    case 'json':
    case 'jsonb':
      return sql`${ref}::text`;
    case 'bytea':
      // encode() wraps base64 at 76 characters; the file keeps one unbroken string.
      return sql`replace(encode(${ref}, 'base64'), chr(10), '')`;
    default:
      return sql`${ref}`;
  }
}

export async function readAppliedMigrations(db: DbOrTx): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

/** Everything of one workspace, read in one snapshot so the file is consistent even while the bot runs. */
export async function exportWorkspace(db: Db, workspaceId: number, now: Date = new Date()): Promise<BackupDocument> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const present = await assertBackupCoversSchema(trx);
      const workspace = await trx.selectFrom('workspaces').select(['id', 'guild_id', 'name']).where('id', '=', workspaceId).executeTakeFirst();
      if (!workspace) throw new UserError('workspace_not_found', `找不到编号为 ${workspaceId} 的工作区。`);
      const tables: Record<string, BackupRow[]> = {};
      for (const table of present) {
        const info = await describeTable(trx, table.name);
        const columns = sql.join(info.columns.map((c) => sql`${readExpression(c)} as ${sql.id(c.name)}`));
        const order = info.primaryKey.length > 0 ? info.primaryKey : info.columns.map((c) => c.name);
        const { rows } =
          await sql<BackupRow>`select ${columns} from ${sql.table(table.name)} where ${sql.id(table.scope)} = ${workspaceId} order by ${sql.join(order.map((c) => sql.id(c)))}`.execute(
            trx,
          );
        const jsonColumns = info.columns.filter((c) => c.type === 'json' || c.type === 'jsonb').map((c) => c.name);
        tables[table.name] = rows.map((row) => {
          for (const name of jsonColumns) if (typeof row[name] === 'string') row[name] = JSON.parse(row[name] as string);
          return row;
        });
      }
      return {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        exportedAt: now.toISOString(),
        migrations: await readAppliedMigrations(trx),
        workspace: { id: workspace.id, guildId: workspace.guild_id, name: workspace.name },
        tables,
      };
    });
}
