import type { Client } from 'discord.js';
import { slashCommands } from '../../commands/index.js';
import type { AppContext } from '../app/context.js';
import type { Db } from '../db/database.js';
import { startLocalcord, type Localcord, type LocalcordOptions } from 'localcord';
import type { Logger } from '../logger.js';
import type { Clock } from '../ports.js';
import type { RedisEndpoint } from '../queue/redis-endpoint.js';
import { compose } from '../compose.js';
import { Shutdown } from '../shutdown.js';
import type { LedgerListenOptions } from '../web/ledger/ledger-server.js';
import { createSandboxWorld, type SandboxWorld } from './sandbox-world.js';

export interface LocalStack {
  lc: Localcord;
  world: SandboxWorld;
  app: AppContext;
  client: Client;
  /** Where the web ledger is served, when it is. */
  ledgerUrl: string | null;
  close(): Promise<void>;
}

/**
 * The local Discord-compatible server with a county's world in it, the slash commands registered,
 * and the real bot connected: what the sandbox runs and what end-to-end tests drive.
 */
export async function startLocalStack(options: {
  db: Db;
  redis?: RedisEndpoint;
  /** The queues' namespace in that Redis (the sandbox's own; tests use one per file). */
  queuePrefix?: string;
  logger: Logger;
  clock?: Clock;
  timeZone?: string;
  localcord?: LocalcordOptions;
  /** Serve the web ledger (the sandbox does, on 127.0.0.1). */
  ledger?: LedgerListenOptions;
}): Promise<LocalStack> {
  // The same ids at every start: a sandbox keeps its workspace in DATA_DIR across restarts.
  const lc = await startLocalcord({ ...options.localcord, stableIds: true });
  const world = createSandboxWorld(lc);
  lc.releaseIds();
  lc.registerCommands(
    slashCommands.map((c) => c.definition),
    world.guild.id,
  );
  const shutdown = new Shutdown(options.logger, 5_000);
  shutdown.add('localcord', () => lc.close());
  const { app, client, ledger } = await compose({
    db: options.db,
    ...(options.redis ? { redis: options.redis } : {}),
    ...(options.queuePrefix ? { queuePrefix: options.queuePrefix } : {}),
    logger: options.logger,
    shutdown,
    discord: { token: lc.botToken, apiBase: lc.apiBase },
    ...(options.clock ? { clock: options.clock } : {}),
    timeZone: options.timeZone ?? 'Asia/Shanghai',
    workers: true,
    planOnStart: true,
    gateway: true,
    ...(options.ledger ? { ledger: options.ledger } : {}),
  });
  if (!client) throw new Error('the local stack connects the gateway');
  return { lc, world, app, client, ledgerUrl: ledger?.links.baseUrl ?? null, close: () => shutdown.run('local stack closed') };
}
