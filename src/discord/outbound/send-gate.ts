import type { DeliveryLane } from '../../ports.js';

/**
 * Admission to Discord's REST API for everything that counts against the bot's limits. One gate is
 * shared by every process of a deployment (see src/queue/redis-send-gate.ts), so the bot and any
 * number of workers together stay under 50 requests a second and 5 messages per 5 s in a channel.
 */
export interface SendGate {
  /** Resolves when a request may go out now; `channelId` for message posts, which have their own limit. */
  acquire(lane: DeliveryLane, channelId: string | null): Promise<void>;
}

/** No limit: for tools that make a handful of calls. */
export const openGate: SendGate = { acquire: async () => undefined };
