import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Queue } from 'bullmq';
import type { Logger } from '../logger.js';
import { hostAllowed } from './allowed-hosts.js';
import { hasBasicPassword } from './basic-auth.js';
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle.js';
import { checkHealth, type HealthProbe } from './health.js';
import { opsMetrics, type OpsMetrics } from './metrics.js';
import { createQueueDashboard, DASHBOARD_PATH, type QueueDashboard } from './queue-dashboard.js';

/** The ops listener only ever binds loopback: anything wider goes through an operator's own proxy or tunnel. */
export const OPS_HOST = '127.0.0.1';

export interface OpsServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  /** Without a password there is no dashboard. */
  password: string | undefined;
  probe: HealthProbe;
  metrics?: OpsMetrics;
  logger: Logger;
  healthTimeoutMs?: number;
  /** Public host names a reverse proxy passes on (OPS_ALLOWED_HOSTS); loopback names are always allowed. */
  allowedHosts?: readonly string[];
  /** How wrong dashboard passwords are slowed (tests shorten it and bring their own clock). */
  throttle?: LoginThrottleOptions;
}

export interface OpsServer {
  port: number;
  url: string;
  /** True when the dashboard is on (a password is configured). */
  dashboardEnabled: boolean;
  /** Shows these BullMQ queues in the dashboard; returns false (and does nothing) when the dashboard is off. */
  mountQueueDashboard(queues: readonly Queue[]): boolean;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

const isUnder = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);

/** Starts /healthz, /metrics and (with a password) the queue dashboard on 127.0.0.1. */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const metrics = options.metrics ?? opsMetrics;
  const dashboard: QueueDashboard | null = options.password ? await createQueueDashboard() : null;
  const log = options.logger.child({ component: 'ops' });
  const throttle = new LoginThrottle(options.throttle);
  const allowedHosts = options.allowedHosts ?? [];

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req, allowedHosts)) {
      send(res, 403, 'text/plain; charset=utf-8', 'This listener answers only to 127.0.0.1, localhost, [::1] or a host name in OPS_ALLOWED_HOSTS.\n');
      return;
    }
    const path = new URL(req.url ?? '/', 'http://ops.invalid').pathname;
    if (isUnder(req.url ?? '/', DASHBOARD_PATH)) {
      if (!dashboard || !options.password) {
        send(res, 404, 'text/plain; charset=utf-8', 'The queue dashboard is off: set OPS_PASSWORD to turn it on.\n');
        return;
      }
      const source = req.socket.remoteAddress ?? 'unknown';
      const waitMs = throttle.retryAfterMs(source);
      if (waitMs > 0) {
        send(res, 429, 'text/plain; charset=utf-8', 'Too many wrong passwords from this address: try again later.\n', {
          'retry-after': String(Math.ceil(waitMs / 1000)),
        });
        return;
      }
      const authorization = req.headers.authorization;
      if (!hasBasicPassword(authorization, options.password)) {
        // Only a password that was given and is wrong counts: a browser's first request carries none.
        if (authorization !== undefined) {
          throttle.failed(source);
          log.warn({ source }, 'wrong queue dashboard password');
        }
        send(res, 401, 'text/plain; charset=utf-8', 'Password required.\n', { 'www-authenticate': 'Basic realm="duban queues", charset="UTF-8"' });
        return;
      }
      throttle.succeeded(source);
      dashboard.handle(req, res);
      return;
    }
    if (path !== '/healthz' && path !== '/metrics') {
      send(res, 404, 'text/plain; charset=utf-8', 'Not found. Try /healthz, /metrics or /queues.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'Only GET.\n', { allow: 'GET, HEAD' });
      return;
    }
    if (path === '/healthz') {
      const report = await checkHealth(options.probe, { ...(options.healthTimeoutMs ? { timeoutMs: options.healthTimeoutMs } : {}) });
      send(res, report.status === 'up' ? 200 : 503, 'application/json; charset=utf-8', `${JSON.stringify(report)}\n`);
      return;
    }
    send(res, 200, metrics.contentType, await metrics.render());
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, 'ops request failed');
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error.\n');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, OPS_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ url: `http://${OPS_HOST}:${port}`, dashboard: Boolean(dashboard) }, 'ops listener ready');
  return {
    port,
    url: `http://${OPS_HOST}:${port}`,
    dashboardEnabled: Boolean(dashboard),
    mountQueueDashboard(queues) {
      if (!dashboard) return false;
      dashboard.setQueues(queues);
      log.info({ queues: queues.map((q) => q.name) }, 'queue dashboard shows queues');
      return true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections (a browser on the dashboard) would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
