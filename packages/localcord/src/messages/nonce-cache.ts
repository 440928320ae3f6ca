import type { Clock } from '../clock.js';

/** How long Discord remembers a nonce for `enforce_nonce` ("a few minutes"). */
export const NONCE_WINDOW_MS = 5 * 60 * 1000;

/** author + nonce → the message created with them, for `enforce_nonce` de-duplication. */
export class NonceCache {
  private readonly entries = new Map<string, { messageId: string; at: number }>();

  constructor(private readonly clock: Clock) {}

  find(authorId: string, nonce: string | number): string | undefined {
    const entry = this.entries.get(key(authorId, nonce));
    if (!entry || this.clock() - entry.at > NONCE_WINDOW_MS) return undefined;
    return entry.messageId;
  }

  remember(authorId: string, nonce: string | number, messageId: string): void {
    this.entries.set(key(authorId, nonce), { messageId, at: this.clock() });
  }
}

function key(authorId: string, nonce: string | number): string {
  return `${authorId}:${String(nonce)}`;
}
