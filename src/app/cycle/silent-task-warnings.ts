import { findSilentTaskWarnings, taskDeadline, type SilentTaskWarnings, type WarningDirectory } from '../../domain/cycle/index.js';
import type { ParsedTask } from '../../domain/notice/index.js';
import type { Repositories, Workspace } from '../../ports.js';
import type { AppContext } from '../context.js';
import { taskReference } from '../notices/task-reference.js';
import { loadCycle } from './load-cycle.js';

/** The directory as the warnings read it: units with their aliases and whether a liaison is bound, collectives with their members. */
async function loadWarningDirectory(store: Repositories, workspaceId: number): Promise<WarningDirectory> {
  const [units, aliases, collectives, liaisons] = await Promise.all([
    store.units.list(workspaceId),
    store.units.listAliases(workspaceId),
    store.units.listCollectives(workspaceId),
    store.units.listLiaisons(workspaceId),
  ]);
  const bound = new Set(liaisons.filter((l) => l.purpose === 'liaison').map((l) => l.unit_id));
  return {
    units: units.map((u) => ({ name: u.name, aliases: aliases.filter((a) => a.unitId === u.id).map((a) => a.alias), hasLiaison: bound.has(u.id) })),
    collectives: collectives.map((c) => ({ name: c.name, members: c.members })),
  };
}

/** The warnings of an import preview's task list, before anything is stored. */
export async function findDraftTaskWarnings(store: Repositories, workspaceId: number, tasks: readonly ParsedTask[]): Promise<SilentTaskWarnings> {
  const directory = await loadWarningDirectory(store, workspaceId);
  return findSilentTaskWarnings(
    tasks.map((t) => ({ ref: taskReference(t), title: t.title, units: t.units })),
    directory,
  );
}

/** The warnings of the current year's open tasks as stored (for /reminders show); null before any notice. */
export async function findStoredTaskWarnings(ctx: AppContext, workspace: Workspace): Promise<SilentTaskWarnings | null> {
  const cycle = await loadCycle(ctx.store, workspace, ctx.clock.now());
  if (!cycle) return null;
  const open = cycle.tasks.filter((t) => t.state === 'open');
  const [names, directory, units, collectives, notice] = await Promise.all([
    ctx.store.cycle.listTaskUnitNames(open.map((t) => t.id)),
    loadWarningDirectory(ctx.store, workspace.id),
    ctx.store.units.list(workspace.id),
    ctx.store.units.listCollectives(workspace.id),
    ctx.store.notices.findCurrent(workspace.id, cycle.year),
  ]);
  // Stored names point at directory entries: read them by the entry's own name, not as the notice wrote them.
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const collectiveName = new Map(collectives.map((c) => [c.id, c.name]));
  const tasks = open.map((t) => ({
    ref: taskReference({ section: t.sectionNo, label: t.label, no: t.no }),
    title: t.title,
    deadline: taskDeadline(t),
    units: (names.get(t.id) ?? []).map((n) => {
      const collective = n.collectiveId !== null ? collectiveName.get(n.collectiveId) : undefined;
      return { name: (n.unitId !== null ? unitName.get(n.unitId) : collective) ?? n.name, role: n.role, collective: collective !== undefined };
    }),
  }));
  // Notices stored before the parser read the issue date have none: nothing to compare with.
  return findSilentTaskWarnings(tasks, directory, notice?.parsed.issuedOn ?? null);
}
