import { assignmentsOf, type TaskRole } from '../../domain/cycle/index.js';
import type { Repositories, TaskRecord } from '../../ports.js';

/** A unit answering for a task now, with its name. */
export interface AnsweringUnit {
  readonly unitId: number;
  readonly name: string;
  readonly role: TaskRole;
}

/**
 * One task as the cycle loads it, with the active units answering for it (collectives expanded, lead
 * first, as assignmentsOf decides) and their names. Only those units' names are read, not the directory.
 */
export async function loadTaskUnits(
  store: Repositories,
  workspaceId: number,
  year: number,
  taskId: number,
): Promise<{ task: TaskRecord | null; units: AnsweringUnit[] }> {
  const [[task], named] = await Promise.all([
    store.cycle.loadTasks(workspaceId, year, { taskIds: [taskId] }),
    store.cycle.listActiveUnits(workspaceId, { taskIds: [taskId] }),
  ]);
  const names = new Map(named.map((unit) => [unit.id, unit.name]));
  const units = assignmentsOf(task?.listings ?? []).map((a) => ({ unitId: a.unitId, name: names.get(a.unitId) ?? String(a.unitId), role: a.role }));
  return { task: task ?? null, units };
}
