import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openPglite, type Storage, type StorageKind } from '../../../src/db/database.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { openMigratedStorage } from '../../support/storage.js';
import { seedRankingWorkspace, type SeededWorkspace } from './seed-ranking-workspace.js';

/**
 * Seeds a database the CLI will open through its own configuration: a Postgres database named by
 * DATABASE_URL, or a PGlite directory under DATA_DIR (closed first: one process at a time).
 */
export async function prepareCliStorage(kind: StorageKind, guildId: string): Promise<{ seeded: SeededWorkspace; dir: string; close: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'duban-cli-'));
  if (kind === 'postgres') {
    const storage: Storage = await openMigratedStorage('postgres');
    const seeded = await seedRankingWorkspace(storage.db, guildId);
    process.env.DATABASE_URL = storage.location;
    const close = async () => {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    };
    return { seeded, dir, close };
  }
  const storage = await openPglite(path.join(dir, 'data', 'pglite'));
  await migrateToLatest(storage.db);
  const seeded = await seedRankingWorkspace(storage.db, guildId);
  await storage.close();
  process.env.DATABASE_URL = '';
  process.env.DATA_DIR = path.join(dir, 'data');
  return { seeded, dir, close: () => rm(dir, { recursive: true, force: true }) };
}
