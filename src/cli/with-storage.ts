import { loadConfig, loadDotEnv, type Config } from '../config.js';
import { openStorage, type Storage } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

/** Loads the configuration, opens storage (migrated unless told not to), runs fn, and closes storage. */
export async function withStorage<T>(fn: (storage: Storage, config: Config) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  loadDotEnv();
  const config = loadConfig();
  const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (options.migrate !== false) await migrateToLatest(storage.db);
    return await fn(storage, config);
  } finally {
    await storage.close();
  }
}
