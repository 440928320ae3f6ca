import type { OutboundStore } from '../../ports.js';
import type { RepositoryOf } from './bind.js';

export const outboundRepository: RepositoryOf<OutboundStore> = {
  async create(db, message) {
    const row = await db
      .insertInto('outbound_messages')
      .values({
        workspace_id: message.workspaceId,
        kind: message.kind,
        dedupe_key: message.dedupeKey,
        audience: message.audience,
        unit_id: message.unitId,
        payload: JSON.stringify(message.payload),
        nonce: message.nonce,
      })
      .onConflict((oc) => oc.columns(['workspace_id', 'dedupe_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  },
};
