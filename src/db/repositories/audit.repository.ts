import type { Selectable } from 'kysely';
import type { DbOrTx } from '../database.js';
import type { ActorKind, AuditLogTable } from '../tables/index.js';

export type AuditEntry = Selectable<AuditLogTable>;

export interface AuditInput {
  workspaceId: number | null;
  actorId: string;
  actorKind?: ActorKind;
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  details?: Record<string, unknown>;
}

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

export async function listAudit(db: DbOrTx, workspaceId: number, limit = 50): Promise<AuditEntry[]> {
  return db.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
