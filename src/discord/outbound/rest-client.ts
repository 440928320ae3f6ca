import { REST } from 'discord.js';
import { createGatedRequest } from './gated-request.js';
import type { SendGate } from '../../ports.js';

/**
 * A REST-only Discord client for the outbound path (workers need no gateway). Its own 5xx retries
 * are off: the sender retries with backoff and jitter, then the queue does. 429s are still waited
 * out by discord.js, as Discord asks.
 */
export function createOutboundRest(options: { token: string; apiBase: string | undefined; gate: SendGate }): REST {
  return new REST({
    ...(options.apiBase ? { api: options.apiBase } : {}),
    retries: 0,
    makeRequest: createGatedRequest(options.gate),
  }).setToken(options.token);
}
