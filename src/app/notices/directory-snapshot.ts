import type { UnitDirectorySnapshot } from '../../domain/units/index.js';
import type { Repositories } from '../../ports.js';

/** The unit directory as name resolution reads it: units, aliases and collective names. */
export async function loadDirectorySnapshot(store: Repositories, workspaceId: number): Promise<UnitDirectorySnapshot> {
  const [units, aliases, collectives] = await Promise.all([
    store.units.list(workspaceId),
    store.units.listAliases(workspaceId),
    store.units.listCollectives(workspaceId),
  ]);
  return { units: units.map(({ id, name }) => ({ id, name })), aliases, collectives: collectives.map(({ id, name }) => ({ id, name })) };
}
