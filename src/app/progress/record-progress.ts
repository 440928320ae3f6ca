import { commandRef } from '../../command-names.js';
import { createHash } from 'node:crypto';
import { isLate } from '../../domain/calendar/index.js';
import { isTaskDueIn, reportDueDate, roleOf } from '../../domain/cycle/index.js';
import { decideEdit, progressSubmissionSchema, type ProgressSubmission, type ProgressSubmissionInput } from '../../domain/progress/index.js';
import { UserError } from '../../errors.js';
import type { PeriodRecord, ProgressSource, Repositories, TaskRecord, Unit } from '../../ports.js';
import type { AppContext } from '../context.js';

export interface EvidenceInput {
  filename: string;
  contentType: string | null;
  bytes: Uint8Array;
}

export interface RecordProgressInput {
  workspaceId: number;
  unitId: number;
  taskId: number;
  periodId: number;
  actorId: string;
  source: ProgressSource;
  submission: ProgressSubmissionInput;
  evidence?: readonly EvidenceInput[];
}

export interface RecordedProgress {
  reportId: number;
  revisionId: number;
  revision: number;
  /** This submission came after the due date (the report is stored all the same). */
  late: boolean;
  edited: boolean;
  status: ProgressSubmission['status'];
  percent: number | null;
  periodLabel: string;
  task: { seq: number; label: string; title: string };
  unitName: string;
  evidenceCount: number;
}

export const closedTaskError = (seq: number) => new UserError('task_closed', `第 ${seq} 项任务已办结,本期无需再报送进展。如有疑问请联系督办人。`);

/** The submission checked against its schema; the first problem becomes the liaison's message. */
export function parseSubmission(submission: ProgressSubmissionInput) {
  const parsed = progressSubmissionSchema.safeParse(submission);
  if (!parsed.success) throw new UserError('invalid_progress', parsed.error.issues[0]?.message ?? '进展内容不完整。');
  return parsed.data;
}

/**
 * Stores one unit's report on one task in one period: the latest state (progress_reports, one row)
 * and the revision (progress_revisions, every submission, who and when), with evidence files and the
 * audit entry, in one transaction. Reports stay editable until the period is closed; one after the
 * due date is stored and marked late.
 */
export async function recordProgress(ctx: AppContext, input: RecordProgressInput): Promise<RecordedProgress> {
  const target = await loadProgressTarget(ctx.store, input);
  return ctx.store.transaction((tx) => storeProgressIn(tx, ctx.clock.now(), target));
}

/** What a report is checked against and stored with: its period, task, unit and the unit's part in the task. */
export interface ProgressTarget {
  readonly input: RecordProgressInput;
  /** The submission as its schema reads it. */
  readonly submission: ProgressSubmission;
  readonly task: Pick<TaskRecord, 'id' | 'seq' | 'label' | 'title'>;
  readonly unit: Pick<Unit, 'id' | 'name'>;
  /** The task as the cycle reads it, with only this unit's listings. */
  readonly answering: TaskRecord;
  readonly timeZone: string;
  readonly periods: readonly PeriodRecord[];
}

/**
 * Reads and checks what a report goes to — the task is live and of the period's year, the unit answers
 * for it, a closed task still owed this report — in parallel on the pool, before any transaction: the
 * transaction then only locks the period and writes, so it holds a connection for a few statements, not
 * a dozen (the deadline rush queued every interaction behind long transactions).
 */
export async function loadProgressTarget(store: Repositories, input: RecordProgressInput): Promise<ProgressTarget> {
  // Checked before anything is read: a bad submission is refused without a query.
  const submission = parseSubmission(input.submission);
  const [period, task] = await Promise.all([store.periods.find(input.workspaceId, input.periodId), store.tasks.findById(input.workspaceId, input.taskId)]);
  if (!period) throw unknownPeriodError();
  const decision = decideEdit({ closed: period.closed, label: period.label });
  if (!decision.allowed) throw new UserError(decision.code, decision.message);
  if (!task || task.retired) throw new UserError('unknown_task', '该任务已不在现行工作要点中,无需报送。');
  if (task.year !== period.year)
    throw new UserError(
      'wrong_period',
      `第 ${task.seq} 项任务属于 ${task.year} 年的工作要点,不能报送到“${period.label}”。请重新打开提醒或使用 ${commandRef('progress')}。`,
    );
  const [unit, [answering], workspace, periods] = await Promise.all([
    store.units.findById(input.workspaceId, input.unitId),
    store.cycle.loadTasks(input.workspaceId, task.year, { taskIds: [task.id], unitIds: [input.unitId] }),
    store.workspaces.findById(input.workspaceId),
    store.periods.list(input.workspaceId, period.year),
  ]);
  if (!unit || !workspace || !answering || roleOf(answering.listings, unit.id) === null) {
    throw new UserError('not_assigned', `“${unit?.name ?? '该单位'}”不是第 ${task.seq} 项任务的责任单位,不能报送该任务的进展。`);
  }
  // A closed task asks for nothing more, but a report that fell due before it was closed can still come in.
  if (answering.state === 'closed' && !isTaskDueIn(answering, period, periods)) throw closedTaskError(task.seq);
  return { input, submission, task, unit, answering, timeZone: workspace.time_zone, periods };
}

const unknownPeriodError = () => new UserError('unknown_period', `找不到该报送周期,请重新打开提醒或使用 ${commandRef('progress')}。`);

/** Stores a checked report inside a caller's transaction (a split reply stores all its parts or none). */
export async function storeProgressIn(tx: Repositories, now: Date, target: ProgressTarget): Promise<RecordedProgress> {
  const { input, submission, task, unit, answering, periods } = target;
  // Hold the period row and check it again under the lock: closing it and reporting into it must not interleave.
  const period = await tx.periods.find(input.workspaceId, input.periodId, { lock: 'share' });
  if (!period) throw unknownPeriodError();
  const decision = decideEdit({ closed: period.closed, label: period.label });
  if (!decision.allowed) throw new UserError(decision.code, decision.message);

  const late = isLate(now, reportDueDate(answering, period, periods), target.timeZone);
  const percent = submission.percent ?? (submission.status === 'done' ? 100 : null);
  const report = await tx.progress.saveReport({
    workspaceId: input.workspaceId,
    taskId: task.id,
    unitId: unit.id,
    periodId: period.id,
    status: submission.status,
    text: submission.text,
    percent,
    late,
    at: now,
  });
  const revisionId = await tx.progress.addRevision({
    workspaceId: input.workspaceId,
    reportId: report.id,
    revision: report.revision,
    status: submission.status,
    text: submission.text,
    percent,
    late,
    source: input.source,
    submittedBy: input.actorId,
    at: now,
  });
  for (const file of input.evidence ?? []) {
    await tx.progress.addEvidence(input.workspaceId, revisionId, { ...file, sha256: createHash('sha256').update(file.bytes).digest('hex') });
  }
  await tx.audit.record({
    workspaceId: input.workspaceId,
    actorId: input.actorId,
    action: 'progress.record',
    subjectType: 'progress_report',
    subjectId: report.id,
    details: {
      taskId: input.taskId,
      unitId: input.unitId,
      periodId: input.periodId,
      revision: report.revision,
      status: submission.status,
      late,
      source: input.source,
      evidence: input.evidence?.length ?? 0,
    },
  });
  return {
    reportId: report.id,
    revisionId,
    revision: report.revision,
    late,
    edited: report.revision > 1,
    status: submission.status,
    percent,
    periodLabel: period.label,
    task: { seq: task.seq, label: task.label, title: task.title },
    unitName: unit.name,
    evidenceCount: input.evidence?.length ?? 0,
  };
}
