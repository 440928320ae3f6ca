export interface Draft {
  readonly id: string;
  readonly workspaceId: number;
  readonly ownerId: string;
  /** As saved; the use-case that made it knows its shape. */
  readonly payload: unknown;
}

export interface DraftStore {
  save(input: { workspaceId: number; kind: string; ownerId: string; payload: unknown; now: Date; ttlMs: number }): Promise<string>;
  /** A live draft of this kind; with a workspace, only that workspace's. */
  load(input: { id: string; workspaceId?: number; kind: string; now: Date }): Promise<Draft | undefined>;
  updatePayload(id: string, payload: unknown): Promise<void>;
  delete(id: string): Promise<boolean>;
}
