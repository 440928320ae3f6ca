import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, type Storage } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Cleanup } from './cleanup.js';

/** The server benchmarks make their scratch databases on. */
export const benchAdminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: benchAdminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/**
 * A migrated Postgres database that exists for one benchmark run. Its drop is a clean-up step from the
 * moment it exists, so a run that fails, is interrupted or loses a promise still leaves nothing behind.
 */
export async function openScratchDatabase(cleanup: Cleanup): Promise<Storage & { url: string; name: string }> {
  const name = `duban_bench_${randomBytes(5).toString('hex')}`;
  await admin(`create database ${name}`);
  cleanup.add(`drop database ${name}`, () => admin(`drop database if exists ${name} with (force)`));
  const url = new URL(benchAdminUrl);
  url.pathname = `/${name}`;
  const storage = await openPostgres(url.toString());
  cleanup.add('close the database pool', () => storage.close());
  await migrateToLatest(storage.db);
  return { ...storage, url: url.toString(), name };
}
