import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/database.js';
import { ensureWorkspace } from '../../src/db/repositories/workspace.repository.js';
import { createUnit } from '../../src/db/repositories/unit.repository.js';
import { openMigratedStorage, storageKinds } from '../support/storage.js';

/** The rules that live in the database itself, so no code path can break them. */
describe.each(storageKinds)('schema constraints on %s', (kind) => {
  let storage: Storage;
  let workspaceId: number;
  let unitId: number;
  let periodId: number;
  let taskId: number;

  beforeAll(async () => {
    storage = await openMigratedStorage(kind);
    const db = storage.db;
    workspaceId = (await ensureWorkspace(db, '110000000000000001', 'W')).id;
    unitId = (await createUnit(db, workspaceId, '区司法局', 'department')).id;
    periodId = (
      await db
        .insertInto('reporting_periods')
        .values({
          workspace_id: workspaceId,
          year: 2026,
          key: '2026-Q1',
          label: '2026年第一季度',
          starts_on: '2026-01-01',
          ends_on: '2026-03-31',
          due_date: '2026-03-25',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const noticeId = (
      await db
        .insertInto('notices')
        .values({ workspace_id: workspaceId, year: 2026, version: 1, source_kind: 'text', source_text: 'x', parsed: JSON.stringify({}), imported_by: '1' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    taskId = (
      await db
        .insertInto('tasks')
        .values({ workspace_id: workspaceId, year: 2026, notice_id: noticeId, seq: 1, label: '(一)', no: 1, title: 't', body: 'b', due_date: '2026-12-31' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await storage?.close();
  });

  const delivery = (stage: string, occasion = '') => ({
    workspace_id: workspaceId,
    unit_id: unitId,
    period_id: periodId,
    stage: stage as 'before5',
    occasion,
    fire_at: new Date('2026-03-18T01:00:00Z'),
    nonce: `n-${stage}-${occasion}-${Math.random()}`,
  });

  it('keeps dates as YYYY-MM-DD strings', async () => {
    const task = await storage.db.selectFrom('tasks').select(['due_date']).where('id', '=', taskId).executeTakeFirstOrThrow();
    expect(task.due_date).toBe('2026-12-31');
  });

  it('allows one reminder delivery per unit, period and stage', async () => {
    await storage.db.insertInto('reminder_deliveries').values(delivery('before5')).execute();
    await expect(storage.db.insertInto('reminder_deliveries').values(delivery('before5')).execute()).rejects.toThrow(/reminder_deliveries_once/);
  });

  it('allows one nudge per unit and period a day', async () => {
    await storage.db.insertInto('reminder_deliveries').values(delivery('nudge', '2026-03-20')).execute();
    await storage.db.insertInto('reminder_deliveries').values(delivery('nudge', '2026-03-21')).execute();
    await expect(storage.db.insertInto('reminder_deliveries').values(delivery('nudge', '2026-03-21')).execute()).rejects.toThrow(/reminder_deliveries_once/);
  });

  it('refuses a sent delivery without its message id', async () => {
    await expect(
      storage.db
        .insertInto('reminder_deliveries')
        .values({ ...delivery('due'), status: 'sent' })
        .execute(),
    ).rejects.toThrow(/reminder_deliveries_sent_has_message/);
  });

  it('refuses a progress status or percentage out of range', async () => {
    const base = { workspace_id: workspaceId, task_id: taskId, unit_id: unitId, period_id: periodId, body: '已完成' };
    await expect(
      storage.db
        .insertInto('progress_reports')
        .values({ ...base, status: 'finished' as 'done', percent: null })
        .execute(),
    ).rejects.toThrow(/progress_reports_status_valid/);
    await expect(
      storage.db
        .insertInto('progress_reports')
        .values({ ...base, status: 'done', percent: 120 })
        .execute(),
    ).rejects.toThrow(/progress_reports_percent_range/);
  });

  it('keeps one report per task, unit and period, with numbered revisions', async () => {
    const base = {
      workspace_id: workspaceId,
      task_id: taskId,
      unit_id: unitId,
      period_id: periodId,
      body: '推进中',
      status: 'in_progress' as const,
      percent: 40,
    };
    const report = await storage.db.insertInto('progress_reports').values(base).returning('id').executeTakeFirstOrThrow();
    await expect(storage.db.insertInto('progress_reports').values(base).execute()).rejects.toThrow(/progress_reports_task_unit_period_unique/);
    const revision = {
      workspace_id: workspaceId,
      report_id: report.id,
      revision: 1,
      status: 'in_progress' as const,
      body: '推进中',
      percent: 40,
      late: false,
      source: 'modal' as const,
      submitted_by: '1',
    };
    await storage.db.insertInto('progress_revisions').values(revision).execute();
    await expect(storage.db.insertInto('progress_revisions').values(revision).execute()).rejects.toThrow(/progress_revisions_report_revision_unique/);
  });

  it('refuses a task unit that names neither a unit nor a collective, or both', async () => {
    const row = { workspace_id: workspaceId, task_id: taskId, role: 'lead' as const, position: 1, name_as_written: '区司法局' };
    await expect(
      storage.db
        .insertInto('task_units')
        .values({ ...row, unit_id: null, collective_id: null })
        .execute(),
    ).rejects.toThrow(/task_units_one_target/);
  });

  it('refuses a task linked to a unit of another workspace', async () => {
    const other = await ensureWorkspace(storage.db, '110000000000000002', 'Other');
    const foreignUnit = await createUnit(storage.db, other.id, '外区司法局', 'department');
    await expect(
      storage.db
        .insertInto('task_units')
        .values({ workspace_id: workspaceId, task_id: taskId, unit_id: foreignUnit.id, collective_id: null, role: 'lead', position: 9, name_as_written: 'x' })
        .execute(),
    ).rejects.toThrow(/task_units_unit_fk/);
  });

  it('keeps one current notice per workspace and year', async () => {
    const values = { workspace_id: workspaceId, year: 2026, source_kind: 'text' as const, source_text: 'x', parsed: '{}', imported_by: '1' };
    await expect(
      storage.db
        .insertInto('notices')
        .values({ ...values, version: 2 })
        .execute(),
    ).rejects.toThrow(/notices_one_current_per_year/);
    await storage.db
      .insertInto('notices')
      .values({ ...values, version: 2, is_current: false })
      .execute();
  });

  it('requires a reason to send a task back and a date to extend it', async () => {
    const base = { workspace_id: workspaceId, task_id: taskId, actor_id: '1' };
    await expect(
      storage.db
        .insertInto('task_actions')
        .values({ ...base, action: 'send_back', reason: '  ' })
        .execute(),
    ).rejects.toThrow(/task_actions_send_back_has_reason/);
    await expect(
      storage.db
        .insertInto('task_actions')
        .values({ ...base, action: 'extend' })
        .execute(),
    ).rejects.toThrow(/task_actions_extend_has_date/);
  });

  it('rolls back every write of a failed transaction', async () => {
    await expect(
      storage.db.transaction().execute(async (trx) => {
        await createUnit(trx, workspaceId, '区统计局', 'department');
        await createUnit(trx, workspaceId, '区统计局', 'department');
      }),
    ).rejects.toThrow();
    const found = await storage.db.selectFrom('units').select('id').where('name', '=', '区统计局').execute();
    expect(found).toEqual([]);
  });
});
