import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../../src/db/database.js';
import { createStore } from '../../../src/db/store.js';
import { assignmentsOf } from '../../../src/domain/cycle/index.js';
import { seedRankingWorkspace, unitNames, type SeededWorkspace } from '../../app/ranking/seed-ranking-workspace.js';
import { openMigratedStorage, storageKinds } from '../../support/storage.js';

describe.each(storageKinds)('listing the units that answer for a task on %s', (kind) => {
  let storage: Storage;
  let seeded: SeededWorkspace;

  beforeAll(async () => {
    storage = await openMigratedStorage(kind);
    seeded = await seedRankingWorkspace(storage.db);
  });
  afterAll(async () => {
    await storage?.close();
  });

  const namesOf = (units: readonly { name: string }[]) => units.map((unit) => unit.name).sort();

  it('reads the units named on the task and the members of a collective named on it, and no others', async () => {
    const store = createStore(storage.db);
    const taskId = seeded.taskIds[0] ?? 0; // （一）: 区司法局 leads, 区发改局 and 各镇政府（街道办事处） support
    const units = await store.cycle.listActiveUnits(seeded.workspaceId, { taskIds: [taskId] });
    expect(namesOf(units)).toEqual(
      namesOf([unitNames.justice, unitNames.development, unitNames.donghu, unitNames.xishan, unitNames.nanqiao, unitNames.beiling].map((name) => ({ name }))),
    );
    // The same units the task's assignments name: nothing missing for a name, nothing read in vain.
    const [task] = await store.cycle.loadTasks(seeded.workspaceId, 2026, { taskIds: [taskId] });
    expect(units.map((unit) => unit.id).sort((a, b) => a - b)).toEqual(
      assignmentsOf(task?.listings ?? [])
        .map((a) => a.unitId)
        .sort((a, b) => a - b),
    );
    expect(await store.cycle.listActiveUnits(seeded.workspaceId, { taskIds: [] })).toEqual([]);
    expect((await store.cycle.listActiveUnits(seeded.workspaceId)).length).toBeGreaterThan(units.length);
  });

  it('leaves out a unit that is no longer active', async () => {
    const store = createStore(storage.db);
    await storage.db.updateTable('units').set({ active: false }).where('id', '=', seeded.unitIds.xishan).execute();
    const units = await store.cycle.listActiveUnits(seeded.workspaceId, { taskIds: [seeded.taskIds[0] ?? 0] });
    expect(units.map((unit) => unit.name)).not.toContain(unitNames.xishan);
    expect(units).toHaveLength(5);
    await storage.db.updateTable('units').set({ active: true }).where('id', '=', seeded.unitIds.xishan).execute();
  });
});
