import { z } from 'zod';

export const BACKUP_FORMAT = 'duban-workspace-export';
export const BACKUP_VERSION = 1;

/** One row as exported: timestamps are ISO strings in UTC with microseconds, bigint and numeric are strings, bytea is base64. */
export type BackupRow = Record<string, unknown>;

export const backupDocumentSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.string(),
  /** The migrations applied to the source database, in order: the schema the rows fit. */
  migrations: z.array(z.string()).min(1),
  workspace: z.object({ id: z.number().int(), guildId: z.string(), name: z.string() }),
  /** Table name → rows, in the order a restore inserts them. */
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});

export type BackupDocument = z.infer<typeof backupDocumentSchema>;

export interface ColumnInfo {
  name: string;
  /** information_schema data_type, e.g. 'integer', 'timestamp with time zone'. */
  type: string;
  identity: boolean;
  generated: boolean;
  /** False for NOT NULL columns. */
  nullable: boolean;
}
