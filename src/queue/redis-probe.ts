import net from 'node:net';
import type { RedisEndpoint } from './redis-endpoint.js';

/**
 * Sends a raw PING and waits for any reply. Deliberately not ioredis: a probe must not
 * retry or log reconnect noise, it only answers "is something there".
 */
export function probeRedis(endpoint: RedisEndpoint, timeoutMs = 1_000): Promise<boolean> {
  if (endpoint.kind === 'tcp' && endpoint.tls) return Promise.resolve(true); // cannot probe TLS raw; let the client report
  return new Promise((resolve) => {
    const socket =
      endpoint.kind === 'socket' ? net.createConnection({ path: endpoint.path }) : net.createConnection({ host: endpoint.host, port: endpoint.port });
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    // +PONG, or -NOAUTH when a password is needed: either way a Redis is there.
    socket.once('data', (data) => finish(/^[+-]/.test(data.toString('latin1'))));
  });
}
