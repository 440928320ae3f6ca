import type { OutboundAudience, OutboundKind, Repositories } from '../../ports.js';
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
  store: Repositories,
  input: { workspaceId: number; kind: OutboundKind; dedupeKey: string; audience: OutboundAudience; unitId: number | null; payload: OutboundPayload },
): Promise<number | undefined> {
  return store.outbound.create({ ...input, nonce: newNonce() });
}
