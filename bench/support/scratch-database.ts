import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres, type Storage } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** A migrated Postgres database that exists for one benchmark run and is dropped on close. */
export async function openScratchDatabase(): Promise<Storage> {
  const name = `duban_bench_${randomBytes(5).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const storage = await openPostgres(url.toString());
  await migrateToLatest(storage.db);
  return {
    ...storage,
    close: async () => {
      await storage.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}
