export type ActorKind = 'user' | 'system' | 'cli';

export interface AuditInput {
  workspaceId: number | null;
  actorId: string;
  actorKind?: ActorKind;
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  readonly id: string;
  readonly at: Date;
  readonly actorId: string;
  readonly actorKind: ActorKind;
  readonly action: string;
  readonly subjectType: string | null;
  readonly subjectId: string | null;
  readonly details: Record<string, unknown>;
}

/** Subject ids by kind, for naming what audit entries are about. */
export interface AuditSubjectIds {
  unit: number[];
  collective: number[];
  task: number[];
  report: number[];
  period: number[];
}

export interface AuditStore {
  /** Records a change a person made; call it inside the transaction that makes the change. */
  record(entry: AuditInput): Promise<void>;
  /** Newest first, optionally one actor's. */
  list(workspaceId: number, options: { limit: number; actorId: string | null }): Promise<AuditRecord[]>;
  /** 'unit:12' → 区司法局, 'task:3' → 第 3 项 …: what still exists of the subjects. */
  nameSubjects(workspaceId: number, ids: AuditSubjectIds): Promise<Map<string, string>>;
}
