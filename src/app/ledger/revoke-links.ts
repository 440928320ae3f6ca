import type { AppContext } from '../context.js';

/**
 * /ledger revoke: every ledger link the person was given in this workspace stops working, at the next
 * request of any browser holding one (the session cookie carries the link's issue time).
 */
export async function revokeLedgerLinks(ctx: AppContext, input: { workspaceId: number; userId: string }): Promise<void> {
  const at = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    await tx.ledgerAccess.revokeLinks(input.workspaceId, input.userId, at);
    await tx.audit.record({ workspaceId: input.workspaceId, actorId: input.userId, action: 'ledger.revoke', details: { at: at.toISOString() } });
  });
}
