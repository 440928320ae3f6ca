import type { CommandRegistry } from '../commands/command-registry.js';
import type { InteractionService } from '../interactions/interaction-service.js';
import type { MessageComposer } from '../messages/compose-message.js';
import type { NonceCache } from '../messages/nonce-cache.js';
import type { World } from '../world/world.js';

export interface RouteDeps {
  world: World;
  commands: CommandRegistry;
  interactions: InteractionService;
  composer: MessageComposer;
  nonces: NonceCache;
  applicationId: string;
  /** `ws://127.0.0.1:PORT`, known once the server listens. */
  gatewayUrl: () => string;
  /** What GET /gateway/bot tells the bot about sharding. */
  sharding: { recommendedShards: number; maxConcurrency: number };
}
