import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Clock } from '../clock.js';
import { DiscordError, discordErrors } from '../errors.js';
import type { AttachmentStore } from '../world/attachments.js';
import type { FaultInjector } from './faults.js';
import { CHANNEL_MESSAGE_LIMIT, ROUTE_LIMIT, type RateLimiter } from './rate-limiter.js';
import { readRequestBody, type ParsedBody } from './request-body.js';
import type { LoggedRequest, RequestLog } from './request-log.js';
import type { HttpMethod, Route, RouteRequest, RouteResponse, Router } from './router.js';

export const API_PREFIX = '/api/v10';

export interface HttpServerDeps {
  router: Router;
  log: RequestLog;
  limiter: RateLimiter;
  faults: FaultInjector;
  attachments: AttachmentStore;
  clock: Clock;
  botToken: string;
  onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  onServerError(error: unknown, request: { method: string; path: string }): void;
}

interface Outcome {
  response: RouteResponse;
  route: Route | null;
  params: Record<string, string>;
  parsed: ParsedBody;
  rateLimit: LoggedRequest['rateLimit'];
  fault: boolean;
}

/** node:http in front of the router: CDN files, REST under /api/v10, and the gateway upgrade. */
export class HttpServer {
  private readonly server: Server;
  private port = 0;

  constructor(private readonly deps: HttpServerDeps) {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => deps.onUpgrade(request, socket, head));
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.origin);
    if (request.method === 'GET' && url.pathname.startsWith('/attachments/')) {
      this.serveAttachment(url.pathname, response);
      return;
    }
    const started = performance.now();
    const at = this.deps.clock();
    const method = (request.method ?? 'GET').toUpperCase();
    const path = url.pathname.startsWith(API_PREFIX) ? decodePath(url.pathname.slice(API_PREFIX.length)) : url.pathname;
    const outcome = await this.run(request, method, path, url);
    const { response: result } = outcome;
    const headers: Record<string, string> = { ...result.headers };
    const payload = result.status === 204 || result.body === undefined ? undefined : JSON.stringify(result.body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    response.writeHead(result.status, headers);
    response.end(payload);
    this.deps.log.record({
      method,
      path,
      route: outcome.route?.pattern ?? null,
      params: outcome.params,
      query: url.search,
      body: outcome.parsed.body,
      files: outcome.parsed.files
        .filter((file) => file !== undefined)
        .map((file) => ({ filename: file.filename, size: file.bytes.length, contentType: file.contentType })),
      status: result.status,
      response: result.body,
      at,
      durationMs: performance.now() - started,
      rateLimit: outcome.rateLimit,
      fault: outcome.fault,
    });
  }

  private async run(request: IncomingMessage, method: string, path: string, url: URL): Promise<Outcome> {
    const outcome: Outcome = { response: { status: 500 }, route: null, params: {}, parsed: { body: undefined, files: [] }, rateLimit: null, fault: false };
    try {
      outcome.parsed = await readRequestBody(request);
      if (!url.pathname.startsWith(API_PREFIX)) throw discordErrors.notFound();
      const match = this.deps.router.match(method, path);
      if (match === null) throw discordErrors.notFound();
      if ('methodNotAllowed' in match) throw discordErrors.methodNotAllowed();
      outcome.route = match.route;
      outcome.params = match.params;

      const fault = this.deps.faults.take(method, path);
      if (fault) {
        outcome.fault = true;
        outcome.response =
          fault.status === 429
            ? rateLimitedResponse(fault.retryAfter ?? 0.1)
            : { status: fault.status, body: discordErrors.internalServerError(fault.status).toJSON() };
        return outcome;
      }
      const token = this.authenticate(match.route, request);
      const decision = match.route.limit === 'exempt' ? null : this.takeRateLimit(match.route, match.params, token);
      if (decision && !decision.allowed) {
        outcome.rateLimit = { scope: decision.global ? 'global' : 'user', retryAfter: decision.retryAfter, bucket: decision.bucket };
        outcome.response = {
          status: 429,
          headers: decision.headers,
          body: { message: 'You are being rate limited.', retry_after: decision.retryAfter, global: decision.global, code: 0 },
        };
        return outcome;
      }
      const routeRequest: RouteRequest = {
        method: method as HttpMethod,
        path,
        params: match.params,
        query: url.searchParams,
        body: outcome.parsed.body,
        files: outcome.parsed.files,
        headers: request.headers,
        param: (name) => {
          const value = match.params[name];
          if (value === undefined) throw new Error(`route ${match.route.pattern} has no parameter ${name}`);
          return value;
        },
      };
      const result = await match.route.handle(routeRequest);
      outcome.response = decision ? { ...result, headers: { ...decision.headers, ...result.headers } } : result;
    } catch (error) {
      if (error instanceof DiscordError) {
        outcome.response = { status: error.status, body: error.toJSON() };
      } else {
        this.deps.onServerError(error, { method, path });
        outcome.response = { status: 500, body: discordErrors.internalServerError(500).toJSON() };
      }
    }
    return outcome;
  }

  private authenticate(route: Route, request: IncomingMessage): string | null {
    if (route.auth === 'none') return null;
    if (request.headers.authorization !== `Bot ${this.deps.botToken}`) throw discordErrors.unauthorized();
    return this.deps.botToken;
  }

  private takeRateLimit(route: Route, params: Record<string, string>, token: string | null) {
    // Discord's major parameters: the channel, guild or webhook a route belongs to.
    const major = params['channelId'] ?? params['guildId'] ?? params['webhookId'] ?? 'none';
    const rule = route.limit === 'channel-messages' ? CHANNEL_MESSAGE_LIMIT : ROUTE_LIMIT;
    return this.deps.limiter.take(token, { name: `${route.method} ${route.pattern}`, major, rule });
  }

  private serveAttachment(pathname: string, response: ServerResponse): void {
    const id = pathname.split('/')[3] ?? '';
    const stored = this.deps.attachments.get(id);
    if (!stored) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('Not Found');
      return;
    }
    response.writeHead(200, { 'content-type': stored.contentType, 'content-length': String(stored.bytes.length) });
    response.end(stored.bytes);
  }
}

function rateLimitedResponse(retryAfter: number): RouteResponse {
  return {
    status: 429,
    headers: { 'retry-after': String(retryAfter), 'x-ratelimit-scope': 'user' },
    body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false, code: 0 },
  };
}

function decodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}
