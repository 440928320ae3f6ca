import type { Selectable } from 'kysely';
import type { AuditInput, AuditRecord, AuditStore, AuditSubjectIds } from '../../ports.js';
import type { DbOrTx } from '../database.js';
import type { AuditLogTable } from '../tables/index.js';
import type { RepositoryOf } from './bind.js';

export type AuditEntry = Selectable<AuditLogTable>;
export type { AuditInput };

/** Records a change a person made; call it inside the transaction that makes the change. */
export async function recordAudit(db: DbOrTx, entry: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      workspace_id: entry.workspaceId,
      actor_id: entry.actorId,
      actor_kind: entry.actorKind ?? 'user',
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId === undefined ? null : String(entry.subjectId),
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export async function listAudit(db: DbOrTx, workspaceId: number, options: { limit: number; actorId: string | null }): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .$if(options.actorId !== null, (q) => q.where('actor_id', '=', options.actorId ?? ''))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorKind: row.actor_kind,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    details: row.details ?? {},
  }));
}

async function nameAuditSubjects(db: DbOrTx, workspaceId: number, ids: AuditSubjectIds): Promise<Map<string, string>> {
  const [units, collectives, tasks, reports, periods] = await Promise.all([
    ids.unit.length ? db.selectFrom('units').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', ids.unit).execute() : [],
    ids.collective.length
      ? db.selectFrom('collective_names').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', ids.collective).execute()
      : [],
    ids.task.length ? db.selectFrom('tasks').select(['id', 'seq', 'title']).where('workspace_id', '=', workspaceId).where('id', 'in', ids.task).execute() : [],
    ids.report.length
      ? db
          .selectFrom('progress_reports as r')
          .innerJoin('tasks as t', 't.id', 'r.task_id')
          .innerJoin('units as u', 'u.id', 'r.unit_id')
          .select(['r.id', 't.seq', 'u.name'])
          .where('r.workspace_id', '=', workspaceId)
          .where('r.id', 'in', ids.report)
          .execute()
      : [],
    ids.period.length
      ? db.selectFrom('reporting_periods').select(['id', 'label']).where('workspace_id', '=', workspaceId).where('id', 'in', ids.period).execute()
      : [],
  ]);
  const names = new Map<string, string>();
  for (const u of units) names.set(`unit:${u.id}`, u.name);
  for (const c of collectives) names.set(`collective:${c.id}`, c.name);
  for (const t of tasks) names.set(`task:${t.id}`, `第 ${t.seq} 项 ${t.title}`);
  for (const r of reports) names.set(`progress_report:${r.id}`, `${r.name}对第 ${r.seq} 项的进展`);
  for (const p of periods) names.set(`reporting_period:${p.id}`, p.label);
  return names;
}

export const auditRepository: RepositoryOf<AuditStore> = { record: recordAudit, list: listAudit, nameSubjects: nameAuditSubjects };
