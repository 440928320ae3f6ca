import type { DbOrTx } from '../../db/database.js';
import type { OutboundAudience, OutboundKind } from '../../db/tables/index.js';
import { newNonce } from './delivery-ids.js';

/** What an outbound message says; rendered by the Discord adapter. */
export interface OutboundPayload {
  title: string;
  lines: string[];
  tone: 'info' | 'warning' | 'success';
  /** Users and roles it may ping (the unit's liaisons, a leader); nobody else. */
  mentionUsers?: string[];
  mentionRoles?: string[];
}

/**
 * Records a message for the outbound path, once per dedupe key; returns its id when it is new
 * (the caller enqueues it after committing) and undefined when the same message was already made.
 */
export async function createOutboundMessage(
  db: DbOrTx,
  input: { workspaceId: number; kind: OutboundKind; dedupeKey: string; audience: OutboundAudience; unitId: number | null; payload: OutboundPayload },
): Promise<number | undefined> {
  const row = await db
    .insertInto('outbound_messages')
    .values({
      workspace_id: input.workspaceId,
      kind: input.kind,
      dedupe_key: input.dedupeKey,
      audience: input.audience,
      unit_id: input.unitId,
      payload: JSON.stringify(input.payload),
      nonce: newNonce(),
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}
