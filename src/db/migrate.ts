import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, NO_MIGRATIONS, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './database.js';

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Like Kysely's FileMigrationProvider, but the import() happens in our code, so whatever
 * loads our TypeScript (tsx, vitest) also loads the .ts migrations.
 */
const folderProvider: MigrationProvider = {
  async getMigrations() {
    const files = (await fs.readdir(migrationsFolder)).filter((f) => /^\d{4}_\d{2}_\d{2}_\d{6}_[a-z0-9_]+\.(ts|js)$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const module = (await import(pathToFileURL(path.join(migrationsFolder, file)).href)) as Migration;
      migrations[file.replace(/\.(ts|js)$/, '')] = { up: module.up, down: module.down };
    }
    return migrations;
  },
};

/**
 * `inOpenTransaction`: the caller holds one connection with a transaction already open (a restore,
 * which must undo its migrations too if a row fails), so the migrator opens none of its own.
 */
export function createMigrator(db: Db, options: { inOpenTransaction?: boolean } = {}): Migrator {
  return new Migrator({ db, provider: folderProvider, ...(options.inOpenTransaction ? { disableTransactions: true } : {}) });
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly results: MigrationResultSet['results'],
  ) {
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
  return unwrap(await createMigrator(db).migrateTo(NO_MIGRATIONS), 'to empty');
}

export async function migrationStatus(db: Db): Promise<{ name: string; executedAt: Date | null }[]> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
