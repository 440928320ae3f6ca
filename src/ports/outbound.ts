export type OutboundKind = 'task_action' | 'dm_fallback' | 'calendar_coverage';
export type OutboundAudience = 'unit' | 'coordinators';

export interface NewOutboundMessage {
  workspaceId: number;
  kind: OutboundKind;
  dedupeKey: string;
  audience: OutboundAudience;
  unitId: number | null;
  /** What the message says, for the Discord adapter to render. */
  payload: unknown;
  nonce: string;
}

/** Everything the bot posts on its own besides reminders, kept like the reminder ledger. */
export interface OutboundStore {
  /** Records a message once per dedupe key: its id when new, undefined when it was made already. */
  create(message: NewOutboundMessage): Promise<number | undefined>;
}
