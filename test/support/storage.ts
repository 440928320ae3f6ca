import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Storage, type StorageKind } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/** The real Postgres the tests talk to; CI and every developer machine run one on loopback. */
export const adminDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const storageKinds: StorageKind[] = ['postgres', 'pglite'];

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new, empty Postgres database: its URL, and a drop() for when the test is done. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `duban_t_${randomBytes(6).toString('hex')}`;
  await withAdmin((c) => c.query(`create database ${name}`));
  return { url: databaseUrlFor(name), drop: () => withAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined) };
}

/** A new, empty Postgres database (dropped on close) or an in-memory PGlite. */
export async function openEmptyStorage(kind: StorageKind): Promise<Storage> {
  if (kind === 'pglite') return openPglite('memory://');
  const scratch = await createScratchDatabase();
  const storage = await openPostgres(scratch.url);
  return {
    ...storage,
    close: async () => {
      await storage.close();
      await scratch.drop();
    },
  };
}

/** A freshly migrated database of the given kind. */
export async function openMigratedStorage(kind: StorageKind): Promise<Storage> {
  const storage = await openEmptyStorage(kind);
  await migrateToLatest(storage.db);
  return storage;
}

export function databaseUrlFor(name: string): string {
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
