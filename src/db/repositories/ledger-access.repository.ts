import { sql } from 'kysely';
import type { LedgerAccessStore } from '../../ports.js';
import type { RepositoryOf } from './bind.js';

export const ledgerAccessRepository: RepositoryOf<LedgerAccessStore> = {
  async revokedBefore(db, workspaceId, userId) {
    const row = await db
      .selectFrom('ledger_revocations')
      .select('revoked_before')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.revoked_before ?? null;
  },

  async revokeLinks(db, workspaceId, userId, at) {
    // Never moved back: a revoke stays in force whatever clock a later one reads.
    await db
      .insertInto('ledger_revocations')
      .values({ workspace_id: workspaceId, user_id: userId, revoked_before: at })
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'user_id']).doUpdateSet({ revoked_before: sql`greatest(ledger_revocations.revoked_before, excluded.revoked_before)` }),
      )
      .execute();
  },
};
