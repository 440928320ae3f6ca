import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database.js';
import { recordAudit } from '../../db/repositories/audit.repository.js';
import type { ProgressSource, ProgressStatus } from '../../db/tables/index.js';
import { isLate } from '../../domain/calendar/index.js';
import { decideEdit, progressSubmissionSchema, type ProgressSubmissionInput } from '../../domain/progress/index.js';
import { UserError } from '../../errors.js';
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
  status: ProgressStatus;
  percent: number | null;
  periodLabel: string;
  task: { seq: number; label: string; title: string };
  unitName: string;
  evidenceCount: number;
}

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
  const submission = parseSubmission(input.submission);
  return ctx.db.transaction().execute((trx) => recordProgressIn(trx, ctx.clock.now(), { ...input, submission }));
}

/** The same, inside a caller's transaction (a split reply stores all its parts or none). */
export async function recordProgressIn(trx: DbOrTx, now: Date, input: RecordProgressInput): Promise<RecordedProgress> {
  const submission = parseSubmission(input.submission);
  // Lock the period row: closing it and reporting into it must not interleave.
  const period = await trx
    .selectFrom('reporting_periods')
    .innerJoin('workspaces', 'workspaces.id', 'reporting_periods.workspace_id')
    .select(['reporting_periods.id', 'reporting_periods.label', 'reporting_periods.due_date', 'reporting_periods.closed_at', 'workspaces.time_zone'])
    .where('reporting_periods.id', '=', input.periodId)
    .where('reporting_periods.workspace_id', '=', input.workspaceId)
    .forShare()
    .executeTakeFirst();
  if (!period) throw new UserError('unknown_period', '找不到该报送周期,请重新打开提醒或使用 /progress。');
  const decision = decideEdit({ closed: period.closed_at !== null, label: period.label });
  if (!decision.allowed) throw new UserError(decision.code, decision.message);

  const task = await trx
    .selectFrom('tasks')
    .select(['id', 'seq', 'label', 'title', 'state', 'extended_due_date', 'retired_at'])
    .where('id', '=', input.taskId)
    .where('workspace_id', '=', input.workspaceId)
    .executeTakeFirst();
  if (!task || task.retired_at !== null) throw new UserError('unknown_task', '该任务已不在现行工作要点中,无需报送。');
  if (task.state === 'closed') throw new UserError('task_closed', `第 ${task.seq} 项任务已办结,无需再报送进展。如有疑问请联系督办人。`);
  const unit = await trx.selectFrom('units').select(['id', 'name']).where('id', '=', input.unitId).where('workspace_id', '=', input.workspaceId).executeTakeFirst();
  if (!unit || !(await isAssigned(trx, input.taskId, input.unitId))) {
    throw new UserError('not_assigned', `“${unit?.name ?? '该单位'}”不是第 ${task.seq} 项任务的责任单位,不能报送该任务的进展。`);
  }

  const dueDate = task.extended_due_date !== null && task.extended_due_date > period.due_date ? task.extended_due_date : period.due_date;
  const late = isLate(now, dueDate, period.time_zone);
  const percent = submission.percent ?? (submission.status === 'done' ? 100 : null);
  const report = await trx
    .insertInto('progress_reports')
    .values({
      workspace_id: input.workspaceId,
      task_id: input.taskId,
      unit_id: input.unitId,
      period_id: input.periodId,
      status: submission.status,
      body: submission.text,
      percent,
      late,
      first_submitted_at: now,
      last_submitted_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['task_id', 'unit_id', 'period_id']).doUpdateSet({
        status: submission.status,
        body: submission.text,
        percent,
        revision: sql`progress_reports.revision + 1`,
        // An on-time report edited later stays on time; a sent-back one resubmitted late becomes late.
        late: sql`progress_reports.late or (progress_reports.sent_back_at is not null and excluded.late)`,
        last_submitted_at: now,
        sent_back_at: null,
        sent_back_reason: null,
      }),
    )
    .returning(['id', 'revision'])
    .executeTakeFirstOrThrow();
  const revision = await trx
    .insertInto('progress_revisions')
    .values({
      workspace_id: input.workspaceId,
      report_id: report.id,
      revision: report.revision,
      status: submission.status,
      body: submission.text,
      percent,
      late,
      source: input.source,
      submitted_by: input.actorId,
      submitted_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const file of input.evidence ?? []) {
    await trx
      .insertInto('evidence_files')
      .values({
        workspace_id: input.workspaceId,
        revision_id: revision.id,
        filename: file.filename.slice(0, 200),
        content_type: file.contentType,
        size_bytes: file.bytes.byteLength,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        content: file.bytes,
      })
      .execute();
  }
  await recordAudit(trx, {
    workspaceId: input.workspaceId,
    actorId: input.actorId,
    action: 'progress.record',
    subjectType: 'progress_report',
    subjectId: report.id,
    details: { taskId: input.taskId, unitId: input.unitId, periodId: input.periodId, revision: report.revision, status: submission.status, late, source: input.source, evidence: input.evidence?.length ?? 0 },
  });
  return {
    reportId: report.id,
    revisionId: revision.id,
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

/** Whether the unit answers for the task, directly or as a member of a collective name it lists. */
export async function isAssigned(db: DbOrTx, taskId: number, unitId: number): Promise<boolean> {
  const row = await db
    .selectFrom('task_units')
    .leftJoin('collective_members', 'collective_members.collective_id', 'task_units.collective_id')
    .select('task_units.id')
    .where('task_units.task_id', '=', taskId)
    .where((eb) => eb.or([eb('task_units.unit_id', '=', unitId), eb('collective_members.unit_id', '=', unitId)]))
    .executeTakeFirst();
  return row !== undefined;
}
