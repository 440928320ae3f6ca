import { z } from 'zod';
import type { ActorKind, Repositories } from '../../ports.js';
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
export async function listAuditEntries(store: Repositories, input: z.input<typeof inputSchema>): Promise<AuditEntryView[]> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) throw new UserError('invalid_audit_query', `查询条件不正确:条数应在 1 到 ${MAX_AUDIT_ENTRIES} 之间。`);
  const { workspaceId, limit, actorId } = parsed.data;
  const entries = await store.audit.list(workspaceId, { limit, actorId });
  const idsOf = (type: string) => [
    ...new Set(entries.filter((e) => e.subjectType === type && /^\d{1,9}$/.test(e.subjectId ?? '')).map((e) => Number(e.subjectId))),
  ];
  const names = await store.audit.nameSubjects(workspaceId, {
    unit: idsOf('unit'),
    collective: idsOf('collective'),
    task: idsOf('task'),
    report: idsOf('progress_report'),
    period: idsOf('reporting_period'),
  });
  return entries.map((entry) => ({ ...entry, subjectName: names.get(`${entry.subjectType}:${entry.subjectId}`) ?? null }));
}
