import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './tables/index.js';
import { StartupError } from '../errors.js';
import { acquireDirectoryLock } from './directory-lock.js';
import { MASK, redact } from '../redact.js';

export type { Database };
export type Db = Kysely<Database>;
/** A database handle or an open transaction: repositories accept either. */
export type DbOrTx = Kysely<Database> | Transaction<Database>;

export type StorageKind = 'postgres' | 'pglite';

export interface Storage {
  db: Db;
  kind: StorageKind;
  /** Where the data lives, safe to log (no password). */
  location: string;
  close(): Promise<void>;
}

const OID = { int8: 20, date: 1082 } as const;
// Dates stay 'YYYY-MM-DD' strings: a JS Date would shift them by the process time zone.
const keepAsText = (value: string) => value;

export interface StorageOptions {
  databaseUrl: string | undefined;
  dataDir: string;
}

/** Opens Postgres when DATABASE_URL is set, else the embedded PGlite under DATA_DIR; checks the connection. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(path.join(options.dataDir, 'pglite'));
}

export async function openPostgres(databaseUrl: string): Promise<Storage> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    connectionTimeoutMillis: 5_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === OID.date || oid === OID.int8 ? keepAsText : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // A client that loses its server must not crash the process; the next query reconnects. The pool hears an
  // idle client's error; a checked-out one (inside a transaction, or between a query and its release) emits
  // it on itself, where with no listener it would be thrown. Its query fails with the error anyway, and the
  // pool drops the dead client when it is released.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const location = redactUrl(databaseUrl);
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new StartupError(describePostgresError(error, location));
  }
  return { db, kind: 'postgres', location, close: () => db.destroy() };
}

/** Opens PGlite in a directory, or in memory when given 'memory://' (tests). */
export async function openPglite(directory: string): Promise<Storage> {
  const inMemory = directory === 'memory://';
  if (!inMemory) mkdirSync(directory, { recursive: true });
  const lock = inMemory ? { release: () => undefined } : acquireDirectoryLock(directory, 'the embedded database (PGlite)');
  try {
    const [{ PGlite }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('kysely-pglite-dialect')]);
    const client = await PGlite.create(directory, { parsers: { [OID.date]: keepAsText, [OID.int8]: keepAsText } });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
    return {
      db,
      kind: 'pglite',
      location: directory,
      close: async () => {
        await db.destroy();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw new StartupError(`Could not open the embedded database in ${directory}: ${(error as Error).message}`);
  }
}

function redactUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = MASK;
    return url.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

function describePostgresError(error: unknown, location: string): string {
  const e = error as { code?: string; message?: string };
  const reason =
    e.code === 'ECONNREFUSED'
      ? 'nothing is listening at that host and port'
      : e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN'
        ? 'the host name does not resolve'
        : e.code === '3D000'
          ? 'the database does not exist (create it, or fix the name)'
          : e.code === '28P01' || e.code === '28000'
            ? 'the server refused the user or password'
            : redact(e.message ?? String(error));
  return `Cannot connect to PostgreSQL at ${location}: ${reason}. Fix DATABASE_URL, or unset it to use the embedded database under DATA_DIR.`;
}
