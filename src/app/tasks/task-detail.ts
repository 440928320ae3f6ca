import { commandRef } from '../../command-names.js';
import { roleOf, type Listing, type TaskRole } from '../../domain/cycle/index.js';
import { UserError } from '../../errors.js';
import type { Repositories, TaskDetailRecord, TaskReportRecord, TaskUnitName, Workspace } from '../../ports.js';
import { canSeeAllUnits, type Access } from '../access.js';
import { noNoticeError, resolveCycleYear } from '../cycle/load-cycle.js';
import { loadTaskUnits } from './task-units.js';

export interface TaskDetail extends TaskDetailRecord {
  /** The names on the task as the notice writes them. */
  units: TaskUnitName[];
  /** The latest report of each unit, newest first, whatever the period. */
  latestReports: TaskReportRecord[];
  /** The reports of the latest period anyone reported in, per unit answering for the task. */
  periodReports: { periodLabel: string; rows: { unitId: number; unitName: string; role: TaskRole; report: TaskReportRecord | null }[] } | null;
  /** How many evidence files the task's reports carry (every revision): what listTaskEvidence lists. */
  evidenceCount: number;
}

/** Whether a person may see a task: coordinators and leaders all, liaisons those their units answer for (directly or through a collective name). */
export function canSeeTask(access: Access, listings: readonly Listing[]): boolean {
  return canSeeAllUnits(access) || access.units.some((unit) => roleOf(listings, unit.id) !== null);
}

/**
 * One task in full, for someone allowed to see it: coordinators and leaders see all, liaisons the
 * tasks their units answer for (directly or through a collective name).
 */
export async function getTaskDetail(store: Repositories, workspace: Workspace, access: Access, seq: number, now: Date): Promise<TaskDetail> {
  const year = await resolveCycleYear(store, workspace, now);
  if (year === null) throw noNoticeError();
  const task = await store.tasks.findBySeq(workspace.id, year, seq);
  if (!task) throw new UserError('unknown_task', `${year} 年没有第 ${seq} 项任务。请用 ${commandRef('tasks')} 查看任务编号,或在输入时从联想列表中选择。`);
  const [{ task: cycleTask, units }, names, reports, evidenceCount] = await Promise.all([
    loadTaskUnits(store, workspace.id, year, task.id),
    store.cycle.listTaskUnitNames([task.id]),
    store.progress.listTaskReports(workspace.id, task.id),
    store.progress.countTaskEvidence(workspace.id, task.id),
  ]);
  const listings = cycleTask?.listings ?? [];
  if (!canSeeTask(access, listings)) {
    throw new UserError('forbidden_task', `第 ${seq} 项任务不属于你所在的单位,联络员只能查看本单位承担的任务。`);
  }
  const latestByUnit = new Map<number, TaskReportRecord>();
  for (const report of reports) if (!latestByUnit.has(report.unitId)) latestByUnit.set(report.unitId, report);
  const latestPeriod = [...reports].sort((a, b) => (a.periodStartsOn < b.periodStartsOn ? 1 : a.periodStartsOn > b.periodStartsOn ? -1 : 0))[0];
  // By unit, not searched for each unit: a collective's task has thousands of reports and units.
  const inLatestPeriod = new Map<number, TaskReportRecord>();
  for (const report of reports)
    if (latestPeriod && report.periodId === latestPeriod.periodId && !inLatestPeriod.has(report.unitId)) inLatestPeriod.set(report.unitId, report);
  const periodReports = latestPeriod
    ? {
        periodLabel: latestPeriod.periodLabel,
        rows: units.map((unit) => ({ unitId: unit.unitId, unitName: unit.name, role: unit.role, report: inLatestPeriod.get(unit.unitId) ?? null })),
      }
    : null;
  return { ...task, units: names.get(task.id) ?? [], latestReports: [...latestByUnit.values()], periodReports, evidenceCount };
}
