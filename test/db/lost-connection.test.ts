import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres, type Storage } from '../../src/db/database.js';
import { adminDatabaseUrl } from '../support/storage.js';

describe('openPostgres', () => {
  let storage: Storage | undefined;
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
  });

  it('survives its server closing a connection that is checked out, and serves the next query', async () => {
    storage = await openPostgres(adminDatabaseUrl);
    const { db } = storage;
    const uncaught: unknown[] = [];
    const hear = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', hear);
    try {
      const inTransaction = db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        // Another connection ends this one while the transaction holds it between statements.
        await sql`select pg_terminate_backend(${rows[0]?.pid ?? 0})`.execute(db);
        await sql`select pg_sleep(0.2)`.execute(trx);
      });
      await expect(inTransaction).rejects.toThrow();
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(rows[0]?.one).toBe(1);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', hear);
    }
  });
});
