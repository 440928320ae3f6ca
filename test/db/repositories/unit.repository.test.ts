import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../../src/db/database.js';
import { ensureWorkspace } from '../../../src/db/repositories/workspace.repository.js';
import {
  addUnitAlias,
  bindLiaison,
  createUnit,
  findUnitByNameOrAlias,
  findUnitsForMember,
  listLiaisons,
  listUnits,
  unbindLiaison,
} from '../../../src/db/repositories/unit.repository.js';
import { listAudit, recordAudit } from '../../../src/db/repositories/audit.repository.js';
import { openMigratedStorage, storageKinds } from '../../support/storage.js';

describe.each(storageKinds)('unit directory repositories on %s', (kind) => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await openMigratedStorage(kind);
  });
  afterAll(async () => {
    await storage?.close();
  });

  it('creates one workspace per guild and follows the guild name', async () => {
    const first = await ensureWorkspace(storage.db, '100000000000000001', '清河区司法局');
    const again = await ensureWorkspace(storage.db, '100000000000000001', '清河区司法局(新)');
    expect(again.id).toBe(first.id);
    expect(again.name).toBe('清河区司法局(新)');
    expect(again.time_zone).toBe('Asia/Shanghai');
  });

  it('finds a unit by its name or by an alias', async () => {
    const ws = await ensureWorkspace(storage.db, '100000000000000002', 'A');
    const unit = await createUnit(storage.db, ws.id, '区司法局', 'department');
    await addUnitAlias(storage.db, ws.id, unit.id, '区法制局');
    expect((await findUnitByNameOrAlias(storage.db, ws.id, '区司法局'))?.id).toBe(unit.id);
    expect((await findUnitByNameOrAlias(storage.db, ws.id, '区法制局'))?.id).toBe(unit.id);
    expect(await findUnitByNameOrAlias(storage.db, ws.id, '区发改局')).toBeUndefined();
  });

  it('keeps each workspace to its own units', async () => {
    const a = await ensureWorkspace(storage.db, '100000000000000003', 'A');
    const b = await ensureWorkspace(storage.db, '100000000000000004', 'B');
    await createUnit(storage.db, a.id, '区教育局', 'department');
    expect(await findUnitByNameOrAlias(storage.db, b.id, '区教育局')).toBeUndefined();
    expect((await listUnits(storage.db, a.id)).map((u) => u.name)).toEqual(['区教育局']);
  });

  it('refuses a second unit with the same name in a workspace', async () => {
    const ws = await ensureWorkspace(storage.db, '100000000000000005', 'A');
    await createUnit(storage.db, ws.id, '区财政局', 'department');
    await expect(createUnit(storage.db, ws.id, '区财政局', 'department')).rejects.toThrow(/units_workspace_name_unique/);
  });

  it('refuses an alias that points at a unit of another workspace', async () => {
    const a = await ensureWorkspace(storage.db, '100000000000000006', 'A');
    const b = await ensureWorkspace(storage.db, '100000000000000007', 'B');
    const unitOfA = await createUnit(storage.db, a.id, '区卫健委', 'department');
    await expect(addUnitAlias(storage.db, b.id, unitOfA.id, '区卫生局')).rejects.toThrow(/unit_aliases_unit_fk/);
  });

  it('binds liaisons by user or role and finds the units a member speaks for', async () => {
    const ws = await ensureWorkspace(storage.db, '100000000000000008', 'A');
    const town = await createUnit(storage.db, ws.id, '城关镇', 'township');
    const bureau = await createUnit(storage.db, ws.id, '区住建局', 'department');
    await createUnit(storage.db, ws.id, '区水务局', 'department');
    await bindLiaison(storage.db, {
      workspaceId: ws.id,
      unitId: town.id,
      targetKind: 'user',
      targetId: '200000000000000001',
      purpose: 'liaison',
      createdBy: '1',
    });
    await bindLiaison(storage.db, {
      workspaceId: ws.id,
      unitId: bureau.id,
      targetKind: 'role',
      targetId: '300000000000000001',
      purpose: 'liaison',
      createdBy: '1',
    });
    // Binding twice is harmless.
    await bindLiaison(storage.db, {
      workspaceId: ws.id,
      unitId: town.id,
      targetKind: 'user',
      targetId: '200000000000000001',
      purpose: 'liaison',
      createdBy: '1',
    });
    expect(await listLiaisons(storage.db, ws.id)).toHaveLength(2);

    const units = await findUnitsForMember(storage.db, ws.id, '200000000000000001', ['300000000000000001']);
    expect(units.map((u) => u.name).sort()).toEqual(['城关镇', '区住建局'].sort());
    expect(await findUnitsForMember(storage.db, ws.id, '999999999999999999', [])).toEqual([]);

    const removed = await unbindLiaison(storage.db, {
      workspaceId: ws.id,
      unitId: town.id,
      targetKind: 'user',
      targetId: '200000000000000001',
      purpose: 'liaison',
    });
    expect(removed).toBe(true);
    expect(await findUnitsForMember(storage.db, ws.id, '200000000000000001', [])).toEqual([]);
  });

  it('refuses a liaison target that is not a Discord id', async () => {
    const ws = await ensureWorkspace(storage.db, '100000000000000009', 'A');
    const unit = await createUnit(storage.db, ws.id, '区审计局', 'department');
    await expect(
      bindLiaison(storage.db, { workspaceId: ws.id, unitId: unit.id, targetKind: 'user', targetId: '1; drop table units', purpose: 'liaison', createdBy: '1' }),
    ).rejects.toThrow(/liaisons_target_id_snowflake/);
  });

  it('records audit entries newest first', async () => {
    const ws = await ensureWorkspace(storage.db, '100000000000000010', 'A');
    await recordAudit(storage.db, {
      workspaceId: ws.id,
      actorId: '1',
      action: 'unit.create',
      subjectType: 'unit',
      subjectId: 7,
      details: { name: '区司法局' },
    });
    await recordAudit(storage.db, { workspaceId: ws.id, actorId: '2', action: 'unit.alias', details: { alias: '区法制局' } });
    const entries = await listAudit(storage.db, ws.id, { limit: 50, actorId: null });
    expect(entries.map((e) => e.action)).toEqual(['unit.alias', 'unit.create']);
    expect(entries[1]?.details).toEqual({ name: '区司法局' });
    expect(entries[1]?.subjectId).toBe('7');
    expect(typeof entries[0]?.id).toBe('string');
  });
});
