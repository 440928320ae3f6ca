import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/database.js';
import { migrateDown, migrateToEmpty, migrateToLatest, migrationStatus } from '../../src/db/migrate.js';
import { openEmptyStorage, storageKinds } from '../support/storage.js';
import { snapshotSchema } from '../support/schema-snapshot.js';

describe.each(storageKinds)('migrations on %s', (kind) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await openEmptyStorage(kind);
  });
  afterAll(async () => {
    await storage?.close();
  });

  it('applies every migration to an empty database', async () => {
    const applied = await migrateToLatest(storage.db);
    expect(applied.length).toBeGreaterThanOrEqual(5);
    const status = await migrationStatus(storage.db);
    expect(status.every((m) => m.executedAt !== null)).toBe(true);
  });

  it('creates the tables the whole mission needs', async () => {
    const tables = (await snapshotSchema(storage.db)).map((line) => line.split('.')[0]);
    for (const table of [
      'workspaces',
      'units',
      'unit_aliases',
      'collective_names',
      'collective_members',
      'liaisons',
      'notices',
      'sections',
      'tasks',
      'task_units',
      'task_actions',
      'reporting_periods',
      'progress_reports',
      'progress_revisions',
      'evidence_files',
      'reminder_deliveries',
      'schedules',
      'summary_posts',
      'holiday_calendars',
      'score_adjustments',
      'ranking_snapshots',
      'audit_log',
      'drafts',
    ]) {
      expect(tables).toContain(table);
    }
  });

  it('gives the same schema after migrating all the way down and up again', async () => {
    const before = await snapshotSchema(storage.db);
    await migrateToEmpty(storage.db);
    expect(await snapshotSchema(storage.db)).toEqual([]);
    await migrateToLatest(storage.db);
    expect(await snapshotSchema(storage.db)).toEqual(before);
  });

  it('gives the same schema after one step down and up', async () => {
    const before = await snapshotSchema(storage.db);
    const reverted = await migrateDown(storage.db);
    expect(reverted).toHaveLength(1);
    expect(await snapshotSchema(storage.db)).not.toEqual(before);
    await migrateToLatest(storage.db);
    expect(await snapshotSchema(storage.db)).toEqual(before);
  });
});
