import { Redis } from 'ioredis';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { UserError, unavailableDependency } from '../src/errors.js';
import { openPostgres } from '../src/db/database.js';
import { adminDatabaseUrl } from './support/storage.js';

/** Real failures from the real drivers, told apart without importing them into the app's error module. */
describe('unavailableDependency', () => {
  it('names the database for a refused Postgres connection and a server shutting down', async () => {
    const refused = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:1/test', connectionTimeoutMillis: 2_000 });
    const error = await refused.connect().catch((e: unknown) => e);
    expect(unavailableDependency(error)).toBe('database');
    const shuttingDown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(unavailableDependency(shuttingDown)).toBe('database');
  });

  it('names the queue for a Redis command refused while the connection is down', async () => {
    const redis = new Redis({ host: '127.0.0.1', port: 1, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => null });
    const error = await redis.ping().catch((e: unknown) => e);
    redis.disconnect();
    expect(unavailableDependency(error)).toBe('queue');
  });

  it('leaves ordinary errors alone: a SQL mistake, a person’s mistake, a bug', async () => {
    const storage = await openPostgres(adminDatabaseUrl);
    try {
      const error = await storage.db
        .selectFrom('no_such_table' as never)
        .selectAll()
        .execute()
        .catch((e: unknown) => e);
      expect(unavailableDependency(error)).toBeNull();
    } finally {
      await storage.close();
    }
    expect(unavailableDependency(new UserError('x', '请重试'))).toBeNull();
    expect(unavailableDependency(new TypeError('cannot read properties of undefined'))).toBeNull();
    expect(unavailableDependency('ECONNREFUSED')).toBeNull();
  });
});
