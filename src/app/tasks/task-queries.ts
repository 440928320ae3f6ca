import { hasLead, taskDeadline, type TaskState } from '../../domain/cycle/index.js';
import { progressStatusLabels, type ProgressStatus } from '../../domain/progress/index.js';
import type { Repositories, TaskRecord, TaskUnitName, Workspace } from '../../ports.js';
import { UserError } from '../../errors.js';
import { canSeeAllUnits, type Access } from '../access.js';
import { requireCycle, resolveCycleYear, type Cycle } from '../cycle/load-cycle.js';

export interface TaskSummary {
  id: number;
  seq: number;
  label: string;
  sectionNo: number | null;
  sectionTitle: string | null;
  title: string;
  state: TaskState;
  /** 完成时限 in force (an extension replaces the notice's). */
  dueDate: string | null;
  deadlinePhrase: string | null;
  /** The names on the task as the notice writes them. */
  units: TaskUnitName[];
  /** Status of the most recent report on the task by any unit, or null when none reported yet. */
  latestStatus: ProgressStatus | null;
  /** No unit leads it (未指定牵头单位): it asks nobody for reports until one is named. */
  leaderless: boolean;
}

export type TaskStatusFilter = 'open' | 'closed' | 'unreported' | ProgressStatus;

export const taskStateLabels: Readonly<Record<TaskState, string>> = { open: '进行中', closed: '已办结' };

/** The status filters of /tasks and the ledger, as people read them. */
export const taskStatusChoices: readonly { value: TaskStatusFilter; label: string }[] = [
  { value: 'open', label: '进行中(未办结)' },
  { value: 'closed', label: '已办结' },
  { value: 'unreported', label: '尚未报送进展' },
  ...(['not_started', 'in_progress', 'done', 'blocked'] as const).map((value) => ({ value, label: `最新进展:${progressStatusLabels[value]}` })),
];

export interface TaskFilter {
  /** Only tasks these units answer for, directly or through a collective name. */
  unitIds?: readonly number[];
  sectionNo?: number;
  status?: TaskStatusFilter;
}

/** Whether any of the units answers for the task (the cycle's listings, collectives expanded). */
export function namesAnyOf(task: TaskRecord, unitIds: readonly number[]): boolean {
  return task.listings.some((listing) => unitIds.includes(listing.unitId));
}

/** The cycle's tasks as /tasks lists them, filtered. */
export async function listTaskSummaries(store: Repositories, cycle: Cycle, filter: TaskFilter = {}): Promise<TaskSummary[]> {
  const unitIds = filter.unitIds;
  const tasks = cycle.tasks.filter(
    (task) => (filter.sectionNo === undefined || task.sectionNo === filter.sectionNo) && (!unitIds || namesAnyOf(task, unitIds)),
  );
  const ids = tasks.map((task) => task.id);
  const [names, statuses] = await Promise.all([store.cycle.listTaskUnitNames(ids), store.tasks.latestStatuses(ids)]);
  const summaries: TaskSummary[] = tasks.map((task) => ({
    id: task.id,
    seq: task.seq,
    label: task.label,
    sectionNo: task.sectionNo,
    sectionTitle: task.sectionTitle,
    title: task.title,
    state: task.state,
    dueDate: taskDeadline(task),
    deadlinePhrase: task.deadlinePhrase,
    units: names.get(task.id) ?? [],
    latestStatus: (statuses.get(task.id) as ProgressStatus | null | undefined) ?? null,
    leaderless: !hasLead(task),
  }));
  const status = filter.status;
  if (!status) return summaries;
  return summaries.filter((t) =>
    status === 'open'
      ? t.state === 'open'
      : status === 'closed'
        ? t.state === 'closed'
        : status === 'unreported'
          ? t.latestStatus === null
          : t.latestStatus === status,
  );
}

/** The tasks these units answer for whose number starts with, or title or label contains, what was typed (autocomplete). */
export async function searchOwnTasks(
  store: Repositories,
  workspace: Workspace,
  now: Date,
  input: { unitIds: readonly number[]; typed: string; limit: number; openOnly?: boolean },
): Promise<{ seq: number; label: string; title: string }[]> {
  const year = await resolveCycleYear(store, workspace, now);
  if (year === null || input.unitIds.length === 0) return [];
  const typed = input.typed.trim();
  const tasks = await store.cycle.loadTasks(workspace.id, year, { unitIds: input.unitIds });
  return tasks
    .filter((t) => (!input.openOnly || t.state === 'open') && (!typed || String(t.seq).startsWith(typed) || t.title.includes(typed) || t.label.includes(typed)))
    .slice(0, input.limit)
    .map((t) => ({ seq: t.seq, label: t.label, title: t.title }));
}

/**
 * /tasks: the year's tasks a person may see, filtered. Coordinators and leaders see every unit's;
 * a liaison only their own units' (asking for another unit's is refused).
 */
export async function listVisibleTasks(
  store: Repositories,
  workspace: Workspace,
  access: Access,
  input: { unitId: number | null; sectionNo: number | null; status: TaskStatusFilter | null; now: Date },
): Promise<{ year: number; tasks: TaskSummary[]; ownUnitsOnly: boolean }> {
  const cycle = await requireCycle(store, workspace, input.now);
  const all = canSeeAllUnits(access);
  const own = access.units.map((u) => u.id);
  if (input.unitId && !all && !own.includes(input.unitId)) throw new UserError('forbidden_unit', '联络员只能查看本单位的任务。');
  const filter: TaskFilter = {
    ...(input.unitId ? { unitIds: [input.unitId] } : all ? {} : { unitIds: own }),
    ...(input.sectionNo ? { sectionNo: input.sectionNo } : {}),
    ...(input.status ? { status: input.status } : {}),
  };
  return { year: cycle.year, tasks: await listTaskSummaries(store, cycle, filter), ownUnitsOnly: !all && !input.unitId };
}
