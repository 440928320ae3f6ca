import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importNotice } from '../../../src/app/notices/import-notice.js';
import { prepareNoticeImport } from '../../../src/app/notices/prepare-notice-import.js';
import { recordProgress } from '../../../src/app/progress/record-progress.js';
import { awardBonus } from '../../../src/app/ranking/award-bonus.js';
import { reconcileReminders } from '../../../src/app/reminders/reconcile-reminders.js';
import { bindUnitLiaison } from '../../../src/app/units/liaison-binding.js';
import { mergeUnits, renameUnit, retireUnit, restoreUnit } from '../../../src/app/units/unit-changes.js';
import { addAlias, setCollective } from '../../../src/app/units/unit-directory.js';
import type { AppContext } from '../../../src/app/context.js';
import type { Storage } from '../../../src/db/database.js';
import { ensureWorkspace } from '../../../src/db/repositories/workspace.repository.js';
import { snapshot } from '../../e2e/support/bad-input.js';
import type { BotStack } from '../../e2e/support/bot-stack.js';
import { ManualClock, testAppContext } from '../../support/app-context.js';
import { openMigratedStorage } from '../../support/storage.js';

const notice = `清河区2026年法治政府建设工作要点

一、加强党的领导
（一）推进数字政府建设,年内完成平台整合。（区经济和信息化局负责）
（二）开展企业合规指导,每季度不少于1次。（区经信局、区司法局负责）
（三）推进基层法治建设,打造示范村2个。（区司法局、区经信局、区经济和信息化局负责）
（四）开展行政执法案卷评查。（区司法局负责）
`;

const COORDINATOR = '900000000000000001';

/** Every column named unit_id in the schema, with the table it is in. */
async function unitColumns(storage: Storage): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.columns
    where table_schema = current_schema() and column_name = 'unit_id' order by table_name`.execute(storage.db);
  return rows.map((r) => r.table_name);
}

async function rowsOf(storage: Storage, unitId: number): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await unitColumns(storage)) {
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)} where unit_id = ${unitId}`.execute(storage.db);
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

describe('merging, renaming and retiring units on Postgres', () => {
  let storage: Storage;
  let app: AppContext;
  let clock: ManualClock;
  let workspaceId: number;
  let guild = 0;
  const unitId = async (name: string) =>
    (await storage.db.selectFrom('units').select('id').where('workspace_id', '=', workspaceId).where('name', '=', name).executeTakeFirstOrThrow()).id;
  const taskId = async (seq: number) =>
    (await storage.db.selectFrom('tasks').select('id').where('workspace_id', '=', workspaceId).where('seq', '=', seq).executeTakeFirstOrThrow()).id;
  const periodId = async (key: string) =>
    (await storage.db.selectFrom('reporting_periods').select('id').where('workspace_id', '=', workspaceId).where('key', '=', key).executeTakeFirstOrThrow()).id;
  const report = async (unit: string, seq: number, key = '2026-Q1') =>
    recordProgress(app, {
      workspaceId,
      unitId: await unitId(unit),
      taskId: await taskId(seq),
      periodId: await periodId(key),
      actorId: COORDINATOR,
      source: 'command',
      submission: { status: 'in_progress', text: `${unit}按计划推进第${seq}项。`, percent: 40 },
    });
  const actor = () => ({ workspaceId, actorId: COORDINATOR });
  const unchanged = async (step: () => Promise<unknown>, message: RegExp) => {
    const stack = { storage } as unknown as BotStack;
    const before = await snapshot(stack);
    await expect(step()).rejects.toThrow(message);
    expect(await snapshot(stack)).toEqual(before);
  };

  beforeAll(async () => {
    storage = await openMigratedStorage('postgres');
  });
  afterAll(async () => {
    await storage?.close();
  });

  // A county of its own for each test: the notice imported, liaisons bound, a collective, a bonus and the reminders planned.
  beforeEach(async () => {
    clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
    app = testAppContext(storage.db, clock);
    guild += 1;
    workspaceId = (await ensureWorkspace(storage.db, `91000000000000000${guild}`, '清河区')).id;
    const { draftId } = await prepareNoticeImport(app, { ...actor(), text: notice, sourceKind: 'text', sourceName: null });
    await importNotice(app, { ...actor(), draftId });
    await storage.db.insertInto('units').values({ workspace_id: workspaceId, name: '城关镇', category: 'township' }).execute();
    for (const [unitName, targetId] of [
      ['区经信局', '920000000000000001'],
      ['区经济和信息化局', '920000000000000002'],
      ['区经信局', '920000000000000003'],
      ['区经济和信息化局', '920000000000000003'],
    ] as const) {
      await bindUnitLiaison(app, { ...actor(), unitName, targetKind: 'user', targetId, purpose: 'liaison' });
    }
    await setCollective(app, { ...actor(), name: '区直有关单位', memberNames: ['区经信局', '区司法局'] });
    await storage.db
      .insertInto('unit_aliases')
      .values({ workspace_id: workspaceId, unit_id: await unitId('区经信局'), alias: '区经信委' })
      .execute();
    await awardBonus(app, { ...actor(), unitName: '区经信局', year: 2026, quarter: 1, points: 1, reason: '信息报送及时' });
    await reconcileReminders(app, workspaceId);
  });

  it('moves every row of the merged unit onto the kept one, loses none, and leaves nothing pointing at it', async () => {
    await report('区经信局', 2);
    await report('区经济和信息化局', 1);
    await report('区经信局', 3, '2026-Q1');
    const from = await unitId('区经信局');
    const into = await unitId('区经济和信息化局');
    const fromRows = await rowsOf(storage, from);
    const fromPosition = (
      await storage.db
        .selectFrom('task_units')
        .select('position')
        .where('task_id', '=', await taskId(3))
        .where('unit_id', '=', from)
        .executeTakeFirstOrThrow()
    ).position;
    const intoRows = await rowsOf(storage, into);
    expect(fromRows.reminder_deliveries).toBeGreaterThan(0);
    expect(fromRows.progress_reports).toBe(2);
    const revisions = await storage.db
      .selectFrom('progress_revisions')
      .select(sql<string>`count(*)::text`.as('n'))
      .executeTakeFirstOrThrow();
    const pendingOfFrom = await storage.db.selectFrom('reminder_deliveries').select('id').where('unit_id', '=', from).where('status', '=', 'pending').execute();
    expect(pendingOfFrom.length).toBeGreaterThan(0);

    const result = await mergeUnits(app, { ...actor(), fromName: '区经信局', intoName: '区经济和信息化局' });
    expect(result.moved).toMatchObject({ reports: 2, adjustments: 1, bindings: 1, memberships: 1, aliases: 2 });
    expect(result.cancelledReminders).toBe(pendingOfFrom.length);

    expect(await rowsOf(storage, from)).toEqual(Object.fromEntries(Object.keys(fromRows).map((t) => [t, 0])));
    const after = await rowsOf(storage, into);
    // Task 3 listed both: one listing stays. The shared liaison was bound to both: one binding stays.
    expect(after.task_units).toBe(fromRows.task_units! + intoRows.task_units! - 1);
    expect(after.liaisons).toBe(fromRows.liaisons! + intoRows.liaisons! - 1);
    expect(after.progress_reports).toBe(3);
    expect(after.score_adjustments).toBe(1);
    expect(after.collective_members).toBe(1);
    expect(after.reminder_deliveries).toBe(fromRows.reminder_deliveries! + intoRows.reminder_deliveries!);
    expect(
      await storage.db
        .selectFrom('progress_revisions')
        .select(sql<string>`count(*)::text`.as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual(revisions);

    // Task 2: 区经信局 led it, so the kept unit now leads it; task 3 keeps its lead, 区司法局.
    const listing = async (seq: number) =>
      storage.db
        .selectFrom('task_units')
        .select(['role', 'position'])
        .where('task_id', '=', await taskId(seq))
        .where('unit_id', '=', into)
        .executeTakeFirstOrThrow();
    expect(await listing(2)).toMatchObject({ role: 'lead' });
    expect(await listing(3)).toMatchObject({ role: 'support', position: fromPosition });

    const aliases = await storage.db.selectFrom('unit_aliases').select('alias').where('unit_id', '=', into).orderBy('alias').execute();
    expect(aliases.map((a) => a.alias).sort()).toEqual(['区经信委', '区经信局'].sort());
    const audit = await storage.db.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId).where('action', '=', 'unit.merge').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ from: '区经信局', into: '区经济和信息化局' });
  });

  it('plans the kept unit’s reminders once, on the ledger rows it already had, none left for the old unit', async () => {
    const into = await unitId('区经济和信息化局');
    const key = (r: { period_id: number; stage: string; occasion: string }) => `${r.period_id}|${r.stage}|${r.occasion}`;
    const pendingBefore = await storage.db
      .selectFrom('reminder_deliveries')
      .select(['id', 'period_id', 'stage', 'occasion'])
      .where('unit_id', '=', into)
      .where('status', '=', 'pending')
      .execute();
    await mergeUnits(app, { ...actor(), fromName: '区经信局', intoName: '区经济和信息化局' });
    await reconcileReminders(app, workspaceId);
    await reconcileReminders(app, workspaceId);
    // One pending reminder per period, stage and occasion for the kept unit: the old unit's were not added a second time.
    const intoPending = await storage.db
      .selectFrom('reminder_deliveries')
      .select(['id', 'period_id', 'stage', 'occasion'])
      .where('unit_id', '=', into)
      .where('status', '=', 'pending')
      .execute();
    expect(new Set(intoPending.map(key)).size).toBe(intoPending.length);
    expect(intoPending.map(key).sort()).toEqual(pendingBefore.map(key).sort());
    expect(intoPending.length).toBeGreaterThan(0);
  });

  it('refuses, changing nothing, when both units reported on one task in one period, and says which', async () => {
    await report('区经信局', 3);
    await report('区经济和信息化局', 3);
    await unchanged(() => mergeUnits(app, { ...actor(), fromName: '区经信局', intoName: '区经济和信息化局' }), /2026年第 3 项\(2026年第一季度\)/);
  });

  it('refuses, changing nothing, a unit into itself, a collective, an unknown unit and a retired target', async () => {
    await addAlias(app, { ...actor(), unitName: '区司法局', alias: '区法制局' });
    await unchanged(() => mergeUnits(app, { ...actor(), fromName: '区法制局', intoName: '区司法局' }), /已是同一个单位/);
    await unchanged(() => mergeUnits(app, { ...actor(), fromName: '区直有关单位', intoName: '区司法局' }), /是统称/);
    await unchanged(() => mergeUnits(app, { ...actor(), fromName: '区经信局', intoName: '区直有关单位' }), /是统称/);
    await unchanged(() => mergeUnits(app, { ...actor(), fromName: '区不存在局', intoName: '区司法局' }), /单位目录中没有“区不存在局”/);
    await retireUnit(app, { ...actor(), unitName: '城关镇' });
    await unchanged(() => mergeUnits(app, { ...actor(), fromName: '区经信局', intoName: '城关镇' }), /已停用/);
  });

  it('answers an alias that is another unit with the merge command', async () => {
    await unchanged(
      () => addAlias(app, { ...actor(), unitName: '区经济和信息化局', alias: '区经信局' }),
      /\/单位 合并 被合并单位:区经信局 保留单位:区经济和信息化局/,
    );
  });

  it('renames a unit, keeping the old name as an alias, and refuses a name in use', async () => {
    await renameUnit(app, { ...actor(), unitName: '区司法局', newName: '区司法行政局' });
    const unit = await storage.db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', '区司法行政局')
      .executeTakeFirstOrThrow();
    expect((await storage.db.selectFrom('unit_aliases').select('alias').where('unit_id', '=', unit.id).execute()).map((a) => a.alias)).toEqual(['区司法局']);
    await unchanged(() => renameUnit(app, { ...actor(), unitName: '区司法行政局', newName: '区经信局' }), /另一个单位/);
    // Back to its old name: the alias becomes the name again.
    await renameUnit(app, { ...actor(), unitName: '区司法行政局', newName: '区司法局' });
    expect((await storage.db.selectFrom('unit_aliases').select('alias').where('unit_id', '=', unit.id).execute()).map((a) => a.alias)).toEqual([
      '区司法行政局',
    ]);
  });

  it('retires a unit that only supports tasks and restores it; refuses one that leads an open task', async () => {
    await unchanged(() => retireUnit(app, { ...actor(), unitName: '区司法局' }), /第 3 项、第 4 项/);
    const into = await unitId('区经济和信息化局');
    await mergeUnits(app, { ...actor(), fromName: '区经信局', intoName: '区经济和信息化局' });
    await unchanged(() => retireUnit(app, { ...actor(), unitName: '区经济和信息化局' }), /牵头单位/);
    const retired = await retireUnit(app, { ...actor(), unitName: '城关镇' });
    expect(retired.unit.name).toBe('城关镇');
    await unchanged(() => retireUnit(app, { ...actor(), unitName: '城关镇' }), /已停用/);
    await restoreUnit(app, { ...actor(), unitName: '城关镇' });
    await unchanged(() => restoreUnit(app, { ...actor(), unitName: '城关镇' }), /没有停用/);
    expect(into).toBeGreaterThan(0);
  });
});
