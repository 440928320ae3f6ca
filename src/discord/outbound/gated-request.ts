import { DefaultRestOptions, type ResponseLike } from 'discord.js';
import type { DeliveryLane } from '../../ports.js';
import type { SendGate } from '../../ports.js';

/** Header our own calls set to pick a lane; stripped before the request leaves. */
export const LANE_HEADER = 'x-duban-lane';

type MakeRequest = typeof DefaultRestOptions.makeRequest;
type RequestInit = Parameters<MakeRequest>[1];

// Interaction callbacks and interaction webhooks (follow-ups, edits of a reply) are exempt from the
// global limit and must never wait behind reminders: a reply is due within 3 seconds.
const exemptPath = /\/(interactions\/\d+\/[^/]+\/callback|webhooks\/\d+\/[^/]+)/;
const messagePost = /\/channels\/(\d+)\/messages$/;

function takeLane(init: RequestInit): DeliveryLane {
  const headers = init.headers;
  if (!headers || headers instanceof Headers || Array.isArray(headers)) return 'interactive';
  const record = headers as Record<string, string>;
  const lane = record[LANE_HEADER];
  delete record[LANE_HEADER];
  return lane === 'bulk' ? 'bulk' : 'interactive';
}

/**
 * discord.js's makeRequest wrapped so every request that counts against the bot's limits first
 * passes the shared gate: the one rate-limited path for everything the bot sends.
 */
export function createGatedRequest(
  gate: SendGate,
  base: MakeRequest = DefaultRestOptions.makeRequest,
): (url: string, init: RequestInit) => Promise<ResponseLike> {
  return async (url, init) => {
    const lane = takeLane(init);
    const path = new URL(url).pathname;
    if (exemptPath.test(path)) return base(url, init);
    const channel = init.method === 'POST' ? messagePost.exec(path)?.[1] : undefined;
    const pass = await gate.acquire(lane, channel ?? null);
    try {
      return await base(url, init);
    } finally {
      // Not awaited: marking it later only keeps it counted longer, and the answer need not wait for Redis.
      void pass.done();
    }
  };
}
