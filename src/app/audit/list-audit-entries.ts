import { z } from 'zod';
import type { DbOrTx } from '../../db/database.js';
import type { ActorKind } from '../../db/tables/index.js';
import { UserError } from '../../errors.js';

export const MAX_AUDIT_ENTRIES = 500;

const inputSchema = z.object({
  workspaceId: z.number().int().positive(),
  limit: z.number().int().min(1).max(MAX_AUDIT_ENTRIES),
  /** Only what this person did (a Discord user id). */
  actorId: z
    .string()
    .regex(/^\d{1,20}$/)
    .nullable(),
});

export interface AuditEntryView {
  id: string;
  at: Date;
  actorId: string;
  actorKind: ActorKind;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  /** What the entry is about (a unit, collective, task, report or period), as people know it, when it still exists. */
  subjectName: string | null;
  details: Record<string, unknown>;
}

/** The workspace's latest changes, newest first, optionally those of one person. */
export async function listAuditEntries(db: DbOrTx, input: z.input<typeof inputSchema>): Promise<AuditEntryView[]> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) throw new UserError('invalid_audit_query', `查询条件不正确:条数应在 1 到 ${MAX_AUDIT_ENTRIES} 之间。`);
  const { workspaceId, limit, actorId } = parsed.data;
  let query = db.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId);
  if (actorId !== null) query = query.where('actor_id', '=', actorId);
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();

  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.subject_type === type && /^\d{1,9}$/.test(r.subject_id ?? '')).map((r) => Number(r.subject_id)))];
  const names = new Map<string, string>();
  const ids = { unit: idsOf('unit'), collective: idsOf('collective'), task: idsOf('task'), report: idsOf('progress_report'), period: idsOf('reporting_period') };
  const [units, collectives, tasks, reports, periods] = await Promise.all([
    ids.unit.length ? db.selectFrom('units').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', ids.unit).execute() : [],
    ids.collective.length ? db.selectFrom('collective_names').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', ids.collective).execute() : [],
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
    ids.period.length ? db.selectFrom('reporting_periods').select(['id', 'label']).where('workspace_id', '=', workspaceId).where('id', 'in', ids.period).execute() : [],
  ]);
  for (const u of units) names.set(`unit:${u.id}`, u.name);
  for (const c of collectives) names.set(`collective:${c.id}`, c.name);
  for (const t of tasks) names.set(`task:${t.id}`, `第 ${t.seq} 项 ${t.title}`);
  for (const r of reports) names.set(`progress_report:${r.id}`, `${r.name}对第 ${r.seq} 项的进展`);
  for (const p of periods) names.set(`reporting_period:${p.id}`, p.label);
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorKind: row.actor_kind,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    subjectName: names.get(`${row.subject_type}:${row.subject_id}`) ?? null,
    details: row.details ?? {},
  }));
}
