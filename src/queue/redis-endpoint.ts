import type { RedisOptions } from 'ioredis';

/** Where Redis is: a TCP address from a URL, or the private server's unix socket. */
export type RedisEndpoint =
  { kind: 'tcp'; host: string; port: number; username?: string; password?: string; db: number; tls: boolean } | { kind: 'socket'; path: string };

export function endpointFromUrl(redisUrl: string): RedisEndpoint {
  const url = new URL(redisUrl);
  const db = Number(url.pathname.replace(/^\//, '') || 0);
  return {
    kind: 'tcp',
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: Number(url.port || 6379),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    db: Number.isInteger(db) ? db : 0,
    tls: url.protocol === 'rediss:',
  };
}

export function describeEndpoint(endpoint: RedisEndpoint): string {
  return endpoint.kind === 'socket' ? `unix:${endpoint.path}` : `${endpoint.tls ? 'rediss' : 'redis'}://${endpoint.host}:${endpoint.port}/${endpoint.db}`;
}

/** ioredis options for an endpoint; BullMQ workers need maxRetriesPerRequest: null. */
export function redisOptions(endpoint: RedisEndpoint, extra: RedisOptions = {}): RedisOptions {
  const base: RedisOptions =
    endpoint.kind === 'socket'
      ? { path: endpoint.path }
      : {
          host: endpoint.host,
          port: endpoint.port,
          db: endpoint.db,
          ...(endpoint.username ? { username: endpoint.username } : {}),
          ...(endpoint.password ? { password: endpoint.password } : {}),
          ...(endpoint.tls ? { tls: {} } : {}),
        };
  return { ...base, ...extra };
}
