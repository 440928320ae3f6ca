import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportedTables, tablesNotExported } from '../../../src/db/backup/backup-tables.js';
import type { BackupDocument } from '../../../src/app/backup/backup-document.js';
import { exportWorkspace } from '../../../src/db/backup/export-workspace.js';
import { restoreIntoEmptyDatabase } from '../../../src/db/backup/restore-into-empty-database.js';
import { restoreWorkspace } from '../../../src/db/backup/restore-workspace.js';
import { listTables } from '../../../src/db/backup/table-columns.js';
import type { Storage } from '../../../src/db/database.js';
import { createMigrator } from '../../../src/db/migrate.js';
import { UserError } from '../../../src/errors.js';
import { openEmptyStorage, openMigratedStorage, storageKinds } from '../../support/storage.js';
import { seedEveryTable, type SeededIds } from './seed-every-table.js';

const withoutTime = (doc: BackupDocument) => ({ ...doc, exportedAt: '' });

describe.each(storageKinds)('workspace export and restore on %s', (kind) => {
  let source: Storage;
  let seeded: SeededIds;
  let other: SeededIds;
  let first: BackupDocument;
  const opened: Storage[] = [];
  const fresh = async (migrated: boolean) => {
    const storage = migrated ? await openMigratedStorage(kind) : await openEmptyStorage(kind);
    opened.push(storage);
    return storage;
  };

  beforeAll(async () => {
    source = await fresh(true);
    other = await seedEveryTable(source.db, '110000000000000001', '甲');
    seeded = await seedEveryTable(source.db, '110000000000000002', '乙');
    first = await exportWorkspace(source.db, seeded.workspaceId);
  });
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
  });

  it('covers every table of the schema: each is exported or left out with a reason', async () => {
    const tables = (await listTables(source.db)).sort();
    const covered = [...exportedTables.map((t) => t.name), ...Object.keys(tablesNotExported)].sort();
    expect(tables).toEqual(covered);
  });

  it('refuses to export when the schema has a table it does not know', async () => {
    const db = (await fresh(true)).db;
    await seedEveryTable(db, '110000000000000003', '丙');
    await sql`create table task_comments (id integer primary key, workspace_id integer not null)`.execute(db);
    await expect(exportWorkspace(db, 1)).rejects.toThrow(/task_comments/);
  });

  it('writes every table of the workspace and nothing of another workspace', () => {
    expect(first.format).toBe('duban-workspace-export');
    expect(first.version).toBe(1);
    expect(first.workspace).toEqual({ id: seeded.workspaceId, guildId: seeded.guildId, name: '清河区人民政府乙' });
    expect(Object.keys(first.tables)).toEqual(exportedTables.map((t) => t.name));
    for (const [table, rows] of Object.entries(first.tables)) {
      expect(rows.length, `${table} has rows`).toBeGreaterThan(0);
      const scope = exportedTables.find((t) => t.name === table)!.scope;
      expect(
        rows.every((row) => row[scope] === seeded.workspaceId),
        `${table} rows belong to the workspace`,
      ).toBe(true);
    }
    expect(JSON.stringify(first)).not.toContain('甲');
    expect(first.tables.drafts).toBeUndefined();
    expect(first.migrations.length).toBeGreaterThan(0);
  });

  it('keeps values exactly: source text and parsed JSON, microseconds, numerics and file bytes', () => {
    const notice = first.tables.notices![0]!;
    expect(notice.source_text).toBe('一、依法行政\n（一）开展评查。\u200b（区司法局负责）😀');
    expect(notice.parsed).toMatchObject({ sections: [{ no: 1, title: '依法行政' }] });
    const delivery = first.tables.reminder_deliveries![0]!;
    expect(delivery.fire_at).toBe('2026-06-24T01:00:00.123456Z');
    expect(delivery.sent_at).toBe('2026-06-24T01:00:01.654321Z');
    expect(first.tables.score_adjustments![0]!.points).toBe('2.50');
    expect(first.tables.tasks![0]!.due_date).toBe('2026-06-30');
    expect(typeof first.tables.audit_log![0]!.id).toBe('string');
    const file = first.tables.evidence_files![0]!;
    const bytes = Buffer.from(file.content as string, 'base64');
    expect(bytes.length).toBe(1000);
    expect([...bytes.subarray(0, 4)]).toEqual([0, 37, 74, 111]);
  });

  it('round-trips into an empty database without losing anything', async () => {
    const target = await fresh(false);
    const result = await restoreIntoEmptyDatabase(target.db, JSON.parse(JSON.stringify(first)) as BackupDocument);
    expect(result.workspaceId).toBe(seeded.workspaceId);
    expect(result.rows.evidence_files).toBe(1);
    const second = await exportWorkspace(target.db, seeded.workspaceId);
    expect(withoutTime(second)).toEqual(withoutTime(first));
    // Identity sequences moved past the restored ids: new rows do not collide.
    const unit = await target.db.insertInto('units').values({ workspace_id: seeded.workspaceId, name: '区新局' }).returning('id').executeTakeFirstOrThrow();
    expect(unit.id).toBeGreaterThan(Math.max(...first.tables.units!.map((u) => u.id as number)));
    const audit = await target.db
      .insertInto('audit_log')
      .values({ workspace_id: seeded.workspaceId, actor_id: 'x', action: 'unit.add' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(Number(audit.id)).toBeGreaterThan(Math.max(...first.tables.audit_log!.map((a) => Number(a.id))));
  });

  it('refuses a database that already holds data, and changes nothing there', async () => {
    const error = await restoreIntoEmptyDatabase(source.db, first).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('目标数据库不是空的');
    const target = await fresh(true);
    await target.db.insertInto('workspaces').values({ guild_id: '999', name: '别处' }).execute();
    await expect(restoreIntoEmptyDatabase(target.db, first)).rejects.toThrow(/目标数据库不是空的/);
    expect(await target.db.selectFrom('units').select('id').execute()).toEqual([]);
  });

  it('refuses a file with a row of another workspace, in one transaction that leaves nothing behind', async () => {
    const target = await fresh(true);
    const tampered = structuredClone(first);
    tampered.tables.units!.push({ ...tampered.tables.units![0]!, id: 9999, name: '外来单位', workspace_id: other.workspaceId });
    await expect(restoreWorkspace(target.db, tampered)).rejects.toThrow(/不属于该工作区/);
    expect(await target.db.selectFrom('workspaces').select('id').execute()).toEqual([]);
  });

  it('refuses a file from a schema this version does not know', async () => {
    const target = await fresh(false);
    await expect(restoreIntoEmptyDatabase(target.db, { ...first, migrations: [...first.migrations, '2099_01_01_000000_future'] })).rejects.toThrow(
      /另一个版本/,
    );
  });

  // Several embedded databases are created here; on a busy machine each initdb can take tens of seconds.
  it('restores a file written at an older schema, then migrates it up', { timeout: 120_000 }, async () => {
    const old = await fresh(false);
    const migrator = createMigrator(old.db);
    const olderTarget = '2026_11_21_090400_create_audit_log_and_drafts';
    expect((await migrator.migrateTo(olderTarget)).error).toBeUndefined();
    const w = await old.db.insertInto('workspaces').values({ guild_id: '120000000000000001', name: '旧版本' }).returning('id').executeTakeFirstOrThrow();
    await old.db.insertInto('units').values({ workspace_id: w.id, name: '区司法局' }).execute();
    // Before summary_posts, the summaries' ledger lived in the schedule's options.
    const entry = {
      status: 'sent',
      nonce: 's0123456789abcdef01234',
      attempts: 1,
      firstClaimedAt: '2026-03-06T08:05:00.123Z',
      claimedAt: '2026-03-06T08:05:00.123Z',
      sent: { 'channel:1': '2' },
      sentAt: '2026-03-06T08:05:01.000Z',
    };
    await old.db
      .insertInto('schedules')
      .values({ workspace_id: w.id, kind: 'weekly_digest', options: JSON.stringify({ weekday: 5, time: '16:00', ledger: { 'digest-2026-03-06': entry } }) })
      .execute();
    const document = await exportWorkspace(old.db, w.id);
    expect(document.migrations.at(-1)).toBe(olderTarget);

    const empty = await fresh(false);
    const result = await restoreIntoEmptyDatabase(empty.db, document);
    expect(result.migrated.length).toBeGreaterThan(0);
    const restored = await exportWorkspace(empty.db, w.id);
    expect(restored.migrations.length).toBeGreaterThan(document.migrations.length);
    expect(restored.tables.units!.map((u) => u.name)).toEqual(['区司法局']);
    expect(restored.tables.schedules!.map((r) => r.options)).toEqual([{ weekday: 5, time: '16:00' }]);
    expect(restored.tables.summary_posts).toEqual([
      expect.objectContaining({
        kind: 'weekly_digest',
        key: 'digest-2026-03-06',
        status: 'sent',
        nonce: entry.nonce,
        sent: entry.sent,
        sent_at: '2026-03-06T08:05:01.000000Z',
      }),
    ]);
  });
});
