import type { SendGate, SendPass } from '../../ports.js';

export type { SendGate };

const noPass: SendPass = { done: async () => undefined };

/** No limit: for tools that make a handful of calls. */
export const openGate: SendGate = { acquire: async () => noPass };
