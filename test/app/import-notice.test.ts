import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { importNotice } from '../../src/app/notices/import-notice.js';
import { prepareNoticeImport } from '../../src/app/notices/prepare-notice-import.js';
import type { Storage } from '../../src/db/database.js';
import { ensureWorkspace } from '../../src/db/repositories/workspace.repository.js';
import { createUnit } from '../../src/db/repositories/unit.repository.js';
import { UserError } from '../../src/errors.js';
import { testAppContext } from '../support/app-context.js';
import { openMigratedStorage, storageKinds } from '../support/storage.js';

const version1 = `清河区2026年法治政府建设工作要点

一、加强党的领导
（一）深入学习贯彻习近平法治思想,把法治政府建设纳入全区发展总体规划。（区司法局、区政府各部门、各镇政府(街道办事处)负责。列第一位者为牵头单位,下同）
（二）落实党政主要负责人履行推进法治建设第一责任人职责,年内开展述法2次以上。（区委办、区司法局负责）
二、健全依法行政制度体系
（三）加强行政规范性文件合法性审核,审核率达到100%。（区法制局、区政府办负责）
（四）推进“互联网+政务服务”,网上办理率达到70%以上,2026年底前完成。（区政务服务中心、区发改局负责）
`;

const version2 = `清河区2026年法治政府建设工作要点(修订)

一、加强党的领导
（一）深入学习贯彻习近平法治思想,把法治政府建设纳入全区发展总体规划。（区司法局、区政府各部门、各镇政府(街道办事处)负责。列第一位者为牵头单位,下同）
（二）落实党政主要负责人履行推进法治建设第一责任人职责,年内开展述法2次以上。（区委办、区司法局、区人社局负责）
二、健全依法行政制度体系
（三）推进“互联网+政务服务”,网上办理率达到70%以上,2026年底前完成。（区政务服务中心、区发改局负责）
（四）开展行政执法案卷评查,每半年不少于1次。（区司法局负责）
`;

describe.each(storageKinds)('importNotice on %s', (kind) => {
  let storage: Storage;
  let ctx: AppContext;
  let workspaceId: number;

  beforeAll(async () => {
    storage = await openMigratedStorage(kind);
    ctx = testAppContext(storage.db);
    workspaceId = (await ensureWorkspace(storage.db, '120000000000000001', '清河区')).id;
    const justice = await createUnit(storage.db, workspaceId, '区司法局', 'department');
    await storage.db.insertInto('unit_aliases').values({ workspace_id: workspaceId, unit_id: justice.id, alias: '区法制局' }).execute();
  });
  afterAll(async () => {
    await storage?.close();
  });

  it('previews without storing anything but a draft', async () => {
    const { draft } = await prepareNoticeImport(ctx, { workspaceId, actorId: '1', text: version1, sourceKind: 'text', sourceName: null });
    expect(draft.year).toBe(2026);
    expect(draft.parsed.tasks).toHaveLength(4);
    expect(draft.units.filter((u) => u.kind === 'new_unit').map((u) => u.name)).toEqual(['区委办', '区政府办', '区政务服务中心', '区发改局']);
    expect(draft.units.filter((u) => u.kind === 'new_collective').map((u) => u.name)).toEqual(['区政府各部门', '各镇政府（街道办事处）']);
    expect(await storage.db.selectFrom('tasks').select('id').execute()).toEqual([]);
  });

  it('stores tasks, units and leads in one go, resolving aliases', async () => {
    const { draftId } = await prepareNoticeImport(ctx, { workspaceId, actorId: '1', text: version1, sourceKind: 'text', sourceName: 'v1.txt' });
    const result = await importNotice(ctx, { workspaceId, actorId: '1', draftId });
    expect(result).toMatchObject({ version: 1, taskCount: 4, sectionCount: 2 });
    expect(result.createdUnits).toEqual(['区委办', '区政府办', '区政务服务中心', '区发改局']);
    const rows = await storage.db
      .selectFrom('task_units')
      .innerJoin('tasks', 'tasks.id', 'task_units.task_id')
      .leftJoin('units', 'units.id', 'task_units.unit_id')
      .leftJoin('collective_names', 'collective_names.id', 'task_units.collective_id')
      .select(['tasks.seq', 'task_units.role', 'units.name as unit', 'collective_names.name as collective'])
      .orderBy('tasks.seq')
      .orderBy('task_units.position')
      .execute();
    const bySeq = (seq: number) => rows.filter((r) => r.seq === seq).map((r) => `${r.role}:${r.unit ?? r.collective}`);
    expect(bySeq(1)).toEqual(['lead:区司法局', 'support:区政府各部门', 'support:各镇政府（街道办事处）']);
    expect(bySeq(3)).toEqual(['lead:区司法局', 'support:区政府办']); // 区法制局 is an alias of 区司法局
    const task4 = await storage.db.selectFrom('tasks').selectAll().where('seq', '=', 4).executeTakeFirstOrThrow();
    expect(task4.due_date).toBe('2026-12-31');
    expect(task4.targets.join('|')).toMatch(/70%以上/);
  });

  it('keeps the ids of unchanged tasks when a revised notice is imported', async () => {
    const before = await storage.db.selectFrom('tasks').select(['id', 'seq', 'body']).where('retired_at', 'is', null).orderBy('seq').execute();
    const prepared = await prepareNoticeImport(ctx, { workspaceId, actorId: '1', text: version2, sourceKind: 'text', sourceName: 'v2.txt' });
    expect(prepared.draft.diff).toMatchObject({ previousVersion: 1, unchanged: 2 });
    expect(prepared.draft.diff?.added).toHaveLength(1);
    expect(prepared.draft.diff?.removed).toHaveLength(1);
    expect(prepared.draft.diff?.unitsChanged).toHaveLength(1);
    const result = await importNotice(ctx, { workspaceId, actorId: '1', draftId: prepared.draftId });
    expect(result.version).toBe(2);
    const after = await storage.db.selectFrom('tasks').select(['id', 'seq', 'body']).where('retired_at', 'is', null).orderBy('seq').execute();
    expect(after.map((t) => t.seq)).toEqual([1, 2, 3, 4]);
    expect(after[0]?.id).toBe(before[0]?.id);
    expect(after[1]?.id).toBe(before[1]?.id);
    expect(after[2]?.id).toBe(before[3]?.id); // 互联网+政务服务 moved from (四) to (三)
    expect(before.map((t) => t.id)).not.toContain(after[3]?.id);
    const retired = await storage.db.selectFrom('tasks').select('id').where('retired_at', 'is not', null).execute();
    expect(retired.map((t) => t.id)).toEqual([before[2]?.id]);
    const notices = await storage.db.selectFrom('notices').select(['version', 'is_current']).orderBy('version').execute();
    expect(notices).toEqual([
      { version: 1, is_current: false },
      { version: 2, is_current: true },
    ]);
  });

  it('refuses text with no tasks and stores nothing', async () => {
    await expect(
      prepareNoticeImport(ctx, { workspaceId, actorId: '1', text: '关于召开会议的通知\n请各单位准时参加。', sourceKind: 'text', sourceName: null }),
    ).rejects.toThrow(UserError);
    await expect(prepareNoticeImport(ctx, { workspaceId, actorId: '1', text: '   ', sourceKind: 'text', sourceName: null })).rejects.toThrow(/内容为空/);
  });

  it('refuses a draft that does not exist', async () => {
    await expect(importNotice(ctx, { workspaceId, actorId: '1', draftId: 'nonexistent' })).rejects.toThrow(/已过期或已处理/);
  });
});
