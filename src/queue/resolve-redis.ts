import { StartupError } from '../errors.js';
import type { Logger } from '../logger.js';
import { describeEndpoint, endpointFromUrl, type RedisEndpoint } from './redis-endpoint.js';
import { probeRedis } from './redis-probe.js';
import { findRedisServerBinary, startPrivateRedis } from './private-redis.js';

export interface ResolvedRedis {
  endpoint: RedisEndpoint;
  /** True when this process started the server and stops it on close. */
  private: boolean;
  close(): Promise<void>;
}

export const INSTALL_REDIS_HINT =
  'Install Redis (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) so duban can start a private one, or set REDIS_URL to a running Redis.';

/**
 * Uses REDIS_URL when given. Without it, uses redis://127.0.0.1:6379 if something answers there,
 * else starts a private redis-server from PATH. Stops start-up with one clear message otherwise.
 */
export async function resolveRedis(
  options: { redisUrl: string; redisUrlIsDefault: boolean; dataDir: string; searchPath?: string },
  logger?: Logger,
): Promise<ResolvedRedis> {
  const endpoint = endpointFromUrl(options.redisUrl);
  if (await probeRedis(endpoint, 2_000)) {
    return { endpoint, private: false, close: async () => undefined };
  }
  if (!options.redisUrlIsDefault) {
    throw new StartupError(
      `Cannot reach Redis at ${describeEndpoint(endpoint)} (REDIS_URL). Start that Redis, fix REDIS_URL, or unset it to let duban run a private one.`,
    );
  }
  const binary = findRedisServerBinary(options.searchPath);
  if (!binary) {
    throw new StartupError(`No Redis answers at ${describeEndpoint(endpoint)} and no redis-server is on PATH. ${INSTALL_REDIS_HINT}`);
  }
  const started = await startPrivateRedis(binary, options.dataDir);
  logger?.info({ redis: describeEndpoint(started.endpoint) }, 'started a private redis-server');
  return { endpoint: started.endpoint, private: true, close: started.stop };
}
