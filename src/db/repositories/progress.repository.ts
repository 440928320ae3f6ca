import { sql } from 'kysely';
import type { EvidenceInfo, ProgressStore, TaskReportRecord } from '../../ports.js';
import type { DbOrTx } from '../database.js';
import type { RepositoryOf } from './bind.js';

function reportsQuery(db: DbOrTx) {
  return db
    .selectFrom('progress_reports')
    .innerJoin('units', 'units.id', 'progress_reports.unit_id')
    .innerJoin('reporting_periods', 'reporting_periods.id', 'progress_reports.period_id')
    .select([
      'progress_reports.id',
      'progress_reports.unit_id',
      'units.name as unit_name',
      'progress_reports.period_id',
      'reporting_periods.label as period_label',
      'reporting_periods.starts_on',
      'progress_reports.status',
      'progress_reports.percent',
      'progress_reports.body',
      'progress_reports.last_submitted_at',
      'progress_reports.late',
      'progress_reports.revision',
      'progress_reports.sent_back_at',
      'progress_reports.sent_back_reason',
      'progress_reports.rating',
      'progress_reports.perfunctory',
    ]);
}

type ReportRow = Awaited<ReturnType<ReturnType<typeof reportsQuery>['executeTakeFirstOrThrow']>>;

function toRecord(row: ReportRow): TaskReportRecord {
  return {
    reportId: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    periodId: row.period_id,
    periodLabel: row.period_label,
    periodStartsOn: row.starts_on,
    status: row.status,
    percent: row.percent,
    text: row.body,
    submittedAt: row.last_submitted_at,
    late: row.late,
    revision: row.revision,
    sentBack: row.sent_back_at !== null,
    sentBackReason: row.sent_back_reason,
    rating: row.rating,
    perfunctory: row.perfunctory,
  };
}

export const progressRepository: RepositoryOf<ProgressStore> = {
  async saveReport(db, s) {
    return db
      .insertInto('progress_reports')
      .values({
        workspace_id: s.workspaceId,
        task_id: s.taskId,
        unit_id: s.unitId,
        period_id: s.periodId,
        status: s.status,
        body: s.text,
        percent: s.percent,
        late: s.late,
        first_submitted_at: s.at,
        last_submitted_at: s.at,
      })
      .onConflict((oc) =>
        oc.columns(['task_id', 'unit_id', 'period_id']).doUpdateSet({
          status: s.status,
          body: s.text,
          percent: s.percent,
          revision: sql`progress_reports.revision + 1`,
          // An on-time report edited later stays on time; a sent-back one resubmitted late becomes late.
          late: sql`progress_reports.late or (progress_reports.sent_back_at is not null and excluded.late)`,
          last_submitted_at: s.at,
          sent_back_at: null,
          sent_back_reason: null,
        }),
      )
      .returning(['id', 'revision', 'late'])
      .executeTakeFirstOrThrow();
  },

  async addRevision(db, r) {
    const row = await db
      .insertInto('progress_revisions')
      .values({
        workspace_id: r.workspaceId,
        report_id: r.reportId,
        revision: r.revision,
        status: r.status,
        body: r.text,
        percent: r.percent,
        late: r.late,
        source: r.source,
        submitted_by: r.submittedBy,
        submitted_at: r.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async addEvidence(db, workspaceId, revisionId, file) {
    await db
      .insertInto('evidence_files')
      .values({
        workspace_id: workspaceId,
        revision_id: revisionId,
        filename: file.filename.slice(0, 200),
        content_type: file.contentType,
        size_bytes: file.bytes.byteLength,
        sha256: file.sha256,
        content: file.bytes,
      })
      .execute();
  },

  async findReport(db, { taskId, unitId, periodId }) {
    const row = await reportsQuery(db)
      .where('progress_reports.task_id', '=', taskId)
      .where('progress_reports.unit_id', '=', unitId)
      .where('progress_reports.period_id', '=', periodId)
      .executeTakeFirst();
    return row && toRecord(row);
  },

  async listTaskReports(db, workspaceId, taskId) {
    const rows = await reportsQuery(db)
      .where('progress_reports.workspace_id', '=', workspaceId)
      .where('progress_reports.task_id', '=', taskId)
      .orderBy('progress_reports.last_submitted_at', 'desc')
      .orderBy('progress_reports.id', 'desc')
      .execute();
    return rows.map(toRecord);
  },

  async countTaskEvidence(db, workspaceId, taskId) {
    const row = await db
      .selectFrom('evidence_files')
      .innerJoin('progress_revisions', 'progress_revisions.id', 'evidence_files.revision_id')
      .innerJoin('progress_reports', 'progress_reports.id', 'progress_revisions.report_id')
      .select((eb) => eb.fn.countAll<string>().as('files'))
      .where('evidence_files.workspace_id', '=', workspaceId)
      .where('progress_reports.task_id', '=', taskId)
      .executeTakeFirstOrThrow();
    return Number(row.files);
  },

  async listTaskRevisions(db, workspaceId, taskId) {
    const rows = await db
      .selectFrom('progress_revisions')
      .innerJoin('progress_reports', 'progress_reports.id', 'progress_revisions.report_id')
      .select([
        'progress_revisions.id',
        'progress_revisions.report_id',
        'progress_reports.unit_id',
        'progress_reports.period_id',
        'progress_revisions.revision',
        'progress_revisions.status',
        'progress_revisions.body',
        'progress_revisions.percent',
        'progress_revisions.late',
        'progress_revisions.source',
        'progress_revisions.submitted_by',
        'progress_revisions.submitted_at',
      ])
      .where('progress_revisions.workspace_id', '=', workspaceId)
      .where('progress_reports.task_id', '=', taskId)
      .orderBy('progress_revisions.submitted_at')
      .orderBy('progress_revisions.id')
      .execute();
    const revisionIds = rows.map((row) => row.id);
    const files =
      revisionIds.length === 0
        ? []
        : await db
            .selectFrom('evidence_files')
            .select(['id', 'revision_id', 'filename', 'content_type', 'size_bytes'])
            .where('workspace_id', '=', workspaceId)
            .where('revision_id', 'in', revisionIds)
            .orderBy('id')
            .execute();
    const byRevision = new Map<number, EvidenceInfo[]>();
    for (const file of files) {
      const list = byRevision.get(file.revision_id) ?? [];
      list.push({ id: file.id, filename: file.filename, contentType: file.content_type, sizeBytes: file.size_bytes });
      byRevision.set(file.revision_id, list);
    }
    return rows.map((row) => ({
      revisionId: row.id,
      reportId: row.report_id,
      unitId: row.unit_id,
      periodId: row.period_id,
      revision: row.revision,
      status: row.status,
      text: row.body,
      percent: row.percent,
      late: row.late,
      source: row.source,
      submittedBy: row.submitted_by,
      submittedAt: row.submitted_at,
      evidence: byRevision.get(row.id) ?? [],
    }));
  },

  async listEvidenceNames(db, workspaceId, periodIds) {
    if (periodIds.length === 0) return [];
    const rows = await db
      .selectFrom('evidence_files')
      .innerJoin('progress_revisions', 'progress_revisions.id', 'evidence_files.revision_id')
      .innerJoin('progress_reports', 'progress_reports.id', 'progress_revisions.report_id')
      .select(['progress_reports.task_id', 'progress_reports.unit_id', 'progress_reports.period_id', 'evidence_files.filename'])
      .where('evidence_files.workspace_id', '=', workspaceId)
      .where('progress_reports.period_id', 'in', periodIds)
      .orderBy('evidence_files.id')
      .execute();
    return rows.map((row) => ({ taskId: row.task_id, unitId: row.unit_id, periodId: row.period_id, filename: row.filename }));
  },

  async findEvidence(db, workspaceId, evidenceId) {
    const row = await db
      .selectFrom('evidence_files')
      .innerJoin('progress_revisions', 'progress_revisions.id', 'evidence_files.revision_id')
      .innerJoin('progress_reports', 'progress_reports.id', 'progress_revisions.report_id')
      .select([
        'evidence_files.id',
        'evidence_files.filename',
        'evidence_files.content_type',
        'evidence_files.size_bytes',
        'evidence_files.content',
        'progress_reports.task_id',
        'progress_reports.unit_id',
      ])
      .where('evidence_files.workspace_id', '=', workspaceId)
      .where('evidence_files.id', '=', evidenceId)
      .executeTakeFirst();
    return (
      row && {
        id: row.id,
        filename: row.filename,
        contentType: row.content_type,
        sizeBytes: row.size_bytes,
        taskId: row.task_id,
        unitId: row.unit_id,
        bytes: row.content,
      }
    );
  },

  async sendBack(db, reportId, { reason, at }) {
    await db.updateTable('progress_reports').set({ sent_back_at: at, sent_back_reason: reason }).where('id', '=', reportId).execute();
  },

  async grade(db, reportId, { rating, perfunctory, by }) {
    await db.updateTable('progress_reports').set({ rating, perfunctory, rated_by: by }).where('id', '=', reportId).execute();
  },
};
