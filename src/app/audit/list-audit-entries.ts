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
  /** The unit or collective the entry is about, by its current name, when it still exists. */
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

  const idsOf = (type: string) => [...new Set(rows.filter((r) => r.subject_type === type && /^\d+$/.test(r.subject_id ?? '')).map((r) => Number(r.subject_id)))];
  const unitIds = idsOf('unit');
  const collectiveIds = idsOf('collective');
  const [units, collectives] = await Promise.all([
    unitIds.length ? db.selectFrom('units').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', unitIds).execute() : [],
    collectiveIds.length ? db.selectFrom('collective_names').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('id', 'in', collectiveIds).execute() : [],
  ]);
  const names = new Map<string, string>([...units.map((u) => [`unit:${u.id}`, u.name] as const), ...collectives.map((c) => [`collective:${c.id}`, c.name] as const)]);
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
