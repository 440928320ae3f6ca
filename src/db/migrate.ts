import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider, Migrator, type MigrationResultSet } from 'kysely/migration';
import type { Db } from './database.js';

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

export function createMigrator(db: Db): Migrator {
  return new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder: migrationsFolder }) });
}

export class MigrationError extends Error {
  constructor(message: string, readonly results: MigrationResultSet['results']) {
    super(message);
    this.name = 'MigrationError';
  }
}

function unwrap(set: MigrationResultSet, verb: string): string[] {
  if (set.error) {
    const failed = set.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Migration ${verb} failed at ${failed}: ${(set.error as Error).message ?? String(set.error)}`, set.results);
  }
  return (set.results ?? []).map((r) => r.migrationName);
}

/** Applies every pending migration; returns the names applied. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateToLatest(), 'to latest');
}

/** Reverts the most recent migration; returns its name (or nothing when none is applied). */
export async function migrateDown(db: Db): Promise<string[]> {
  return unwrap(await createMigrator(db).migrateDown(), 'down');
}

/** Reverts every migration. */
export async function migrateToEmpty(db: Db): Promise<string[]> {
  const { NO_MIGRATIONS } = await import('kysely/migration');
  return unwrap(await createMigrator(db).migrateTo(NO_MIGRATIONS), 'to empty');
}

export async function migrationStatus(db: Db): Promise<{ name: string; executedAt: Date | null }[]> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
