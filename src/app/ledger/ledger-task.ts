import type { LocalDate } from '../../domain/calendar/index.js';
import type { TaskActionKind } from '../../ports.js';
import type { EvidenceContent, GuildMembers, ReportRevisionRecord } from '../../ports.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';
import { requireCycle } from '../cycle/load-cycle.js';
import { canSeeTask, getTaskDetail, type TaskDetail } from '../tasks/task-detail.js';
import type { LedgerViewer } from './ledger-viewer.js';
import { loadPeriodLights, type LightCell } from './period-lights.js';

export const taskActionLabels: Readonly<Record<TaskActionKind, string>> = { close: '办结', reopen: '重新打开', send_back: '退回', extend: '延期' };

export interface LedgerTaskPage {
  readonly task: TaskDetail;
  readonly periodLabel: string;
  readonly dueSoonFrom: LocalDate;
  /** This period's light of each unit answering for the task. */
  readonly cells: readonly LightCell[];
  /** Every revision of every report, newest first, with who sent it. */
  readonly revisions: readonly (ReportRevisionRecord & { readonly unitName: string; readonly periodLabel: string; readonly submitterName: string })[];
  /** 办结 / 退回 / 延期 (and reopening), oldest first. */
  readonly actions: readonly {
    readonly kind: TaskActionKind;
    readonly label: string;
    readonly reason: string | null;
    readonly newDueDate: string | null;
    readonly actorName: string;
    readonly at: Date;
  }[];
}

/**
 * 任务: one task in full for someone who may see it (getTaskDetail's rule, as /task show), with every
 * revision of every report, its evidence, and the coordinators' actions on it.
 */
export async function buildLedgerTask(
  ctx: AppContext,
  members: GuildMembers,
  viewer: LedgerViewer,
  input: { seq: number; now: Date },
): Promise<LedgerTaskPage> {
  const { store } = ctx;
  const task = await getTaskDetail(store, viewer.workspace, viewer.access, input.seq, input.now);
  const cycle = await requireCycle(store, viewer.workspace, input.now, { year: task.year });
  const period = cycle.current;
  if (!period) throw new Error(`workspace ${viewer.workspace.id} has no reporting period in ${cycle.year}`);
  const [lights, revisions, actions, units] = await Promise.all([
    loadPeriodLights(store, cycle, period),
    store.progress.listTaskRevisions(viewer.workspace.id, task.id),
    store.tasks.listActions(task.id),
    store.units.list(viewer.workspace.id),
  ]);
  const people = new Set([...revisions.map((r) => r.submittedBy), ...actions.map((a) => a.actorId)]);
  const names = await members.displayNames(viewer.workspace.guild_id, [...people]);
  const nameOf = (userId: string) => names.get(userId) ?? `用户 ${userId}`;
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const periodLabels = new Map(cycle.periods.map((p) => [p.id, p.label]));
  return {
    task,
    periodLabel: period.label,
    dueSoonFrom: lights.dueSoonFrom,
    cells: lights.byTask.get(task.id) ?? [],
    revisions: revisions
      .map((r) => ({
        ...r,
        unitName: unitNames.get(r.unitId) ?? String(r.unitId),
        periodLabel: periodLabels.get(r.periodId) ?? '',
        submitterName: nameOf(r.submittedBy),
      }))
      .reverse(),
    actions: actions.map((a) => ({
      kind: a.action,
      label: taskActionLabels[a.action],
      reason: a.reason,
      newDueDate: a.newDueDate,
      actorName: nameOf(a.actorId),
      at: a.at,
    })),
  };
}

const evidenceNotFound = () => new UserError('unknown_evidence', '找不到这个佐证材料,可能链接有误。请从任务页面重新打开。');

/**
 * An evidence file, for someone who may see the report it belongs to: coordinators and leaders all,
 * a liaison those of the tasks their units answer for (the rule of /task show). Another workspace's
 * file, or one the viewer may not see, is answered as not found.
 */
export async function openLedgerEvidence(ctx: AppContext, viewer: LedgerViewer, evidenceId: number): Promise<EvidenceContent> {
  const evidence = await ctx.store.progress.findEvidence(viewer.workspace.id, evidenceId);
  if (!evidence) throw evidenceNotFound();
  const task = await ctx.store.tasks.findById(viewer.workspace.id, evidence.taskId);
  if (!task) throw evidenceNotFound();
  const [cycleTask] = await ctx.store.cycle.loadTasks(viewer.workspace.id, task.year, { taskIds: [task.id] });
  const ownReport = viewer.access.units.some((u) => u.id === evidence.unitId);
  if (!ownReport && !canSeeTask(viewer.access, cycleTask?.listings ?? [])) throw evidenceNotFound();
  return evidence;
}
