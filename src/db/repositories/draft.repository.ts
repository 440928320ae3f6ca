import { randomBytes } from 'node:crypto';
import type { DraftStore } from '../../ports.js';
import type { DbOrTx } from '../database.js';
import type { RepositoryOf } from './bind.js';

export interface Draft<T> {
  id: string;
  workspaceId: number;
  ownerId: string;
  payload: T;
}

export async function saveDraft<T>(
  db: DbOrTx,
  input: { workspaceId: number; kind: string; ownerId: string; payload: T; now: Date; ttlMs: number },
): Promise<string> {
  const id = randomBytes(9).toString('base64url');
  await db
    .insertInto('drafts')
    .values({
      id,
      workspace_id: input.workspaceId,
      kind: input.kind,
      owner_id: input.ownerId,
      payload: JSON.stringify(input.payload),
      created_at: input.now,
      expires_at: new Date(input.now.getTime() + input.ttlMs),
    })
    .execute();
  // Expired drafts are dead weight: sweep them whenever a new one is made.
  await db.deleteFrom('drafts').where('expires_at', '<', input.now).execute();
  return id;
}

/** A live draft of this kind (and workspace, when given), or undefined when it expired or never existed. */
export async function loadDraft<T>(db: DbOrTx, input: { id: string; workspaceId?: number; kind: string; now: Date }): Promise<Draft<T> | undefined> {
  const row = await db
    .selectFrom('drafts')
    .select(['id', 'workspace_id', 'owner_id', 'payload'])
    .where('id', '=', input.id)
    .$if(input.workspaceId !== undefined, (q) => q.where('workspace_id', '=', input.workspaceId ?? 0))
    .where('kind', '=', input.kind)
    .where('expires_at', '>', input.now)
    .executeTakeFirst();
  return row && { id: row.id, workspaceId: row.workspace_id, ownerId: row.owner_id, payload: row.payload as T };
}

export async function updateDraftPayload<T>(db: DbOrTx, id: string, payload: T): Promise<void> {
  await db
    .updateTable('drafts')
    .set({ payload: JSON.stringify(payload) })
    .where('id', '=', id)
    .execute();
}

export async function deleteDraft(db: DbOrTx, id: string): Promise<boolean> {
  const result = await db.deleteFrom('drafts').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export const draftRepository: RepositoryOf<DraftStore> = {
  save: saveDraft,
  load: loadDraft,
  updatePayload: updateDraftPayload,
  delete: deleteDraft,
};
