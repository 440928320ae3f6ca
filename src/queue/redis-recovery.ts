import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';

/** The part of an ioredis client this needs. */
interface ConnectionEvents {
  on(event: 'close' | 'ready', listener: () => void): unknown;
}

/**
 * Runs `recover` each time the connection is ready again after it was lost: Redis restarted, maybe
 * without the jobs it held. Retried for a while, since the other connections reconnect on their own time.
 */
export function onRedisBack(
  connection: ConnectionEvents,
  recover: () => Promise<void>,
  logger: Logger,
  options: { attempts?: number; delayMs?: number } = {},
): void {
  let lost = false;
  let running = false;
  connection.on('close', () => (lost = true));
  connection.on('ready', () => {
    if (!lost || running) return;
    lost = false;
    running = true;
    void (async () => {
      const attempts = options.attempts ?? 30;
      for (let attempt = 1; attempt <= attempts; attempt += 1) {
        try {
          await recover();
          logger.info({ attempt }, 'redis is back: recurring jobs registered and a reconcile queued');
          return;
        } catch (error) {
          if (attempt === attempts) logger.error({ err: error }, 'redis is back but the queue could not be re-planned; the next start or daily run will');
          else await sleep(options.delayMs ?? 1_000);
        }
      }
    })().finally(() => (running = false));
  });
}
