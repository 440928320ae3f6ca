/**
 * The bot process of bench/fanout.ts: the real runtime (gateway, interactions, no workers) against the
 * bench's local server, in a process of its own as in production, so the server's timing is not
 * disturbed by the bot's work. Arguments: <apiBase> <token> <databaseUrl> <redisUrl> <queuePrefix>.
 */
import { openPostgres } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { endpointFromUrl } from '../src/queue/redis-endpoint.js';
import { compose } from '../src/compose.js';
import { Shutdown } from '../src/shutdown.js';

async function main(): Promise<void> {
  const [apiBase, token, databaseUrl, redisUrl, prefix] = process.argv.slice(2);
  if (!apiBase || !token || !databaseUrl || !redisUrl || !prefix) throw new Error('usage: fanout-bot <apiBase> <token> <databaseUrl> <redisUrl> <prefix>');
  const logger = createLogger('silent');
  const shutdown = new Shutdown(logger, 5_000);
  shutdown.listen();
  const storage = await openPostgres(databaseUrl);
  shutdown.add('storage', () => storage.close());
  await compose({
    db: storage.db,
    redis: endpointFromUrl(redisUrl),
    queuePrefix: prefix,
    planOnStart: true,
    gateway: true,
    logger,
    shutdown,
    discord: { token, apiBase },
    timeZone: 'Asia/Shanghai',
  });
  process.send?.({ ready: true });
  // The bench that started this process is gone (even SIGKILLed): stop rather than run on with nobody to stop it.
  process.once('disconnect', () => void shutdown.run('parent gone').then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`fanout bot failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
