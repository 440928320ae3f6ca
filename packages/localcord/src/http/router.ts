import type { IncomingHttpHeaders } from 'node:http';
import type { UploadedFile } from '../world/attachments.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * How a route counts against rate limits: interaction endpoints are exempt (as on Discord),
 * channel message creation has its own 5-per-5-seconds bucket per channel, and every other
 * route a generous bucket per route and major parameter.
 */
export type RateLimitClass = 'exempt' | 'route' | 'channel-messages';

export interface RouteRequest {
  method: HttpMethod;
  /** The path after `/api/v10`, decoded: `/webhooks/1/abc/messages/@original`. */
  path: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
  headers: IncomingHttpHeaders;
  /** Reads a path parameter that the route pattern guarantees. */
  param(name: string): string;
}

export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: HttpMethod;
  pattern: string;
  auth: 'bot' | 'none';
  limit: RateLimitClass;
  handle(request: RouteRequest): RouteResponse | Promise<RouteResponse>;
}

export type RouteMatch = { route: Route; params: Record<string, string> } | { methodNotAllowed: true } | null;

export function defineRoute(method: HttpMethod, pattern: string, options: { auth?: 'bot' | 'none'; limit?: RateLimitClass }, handle: Route['handle']): Route {
  return { method, pattern, auth: options.auth ?? 'bot', limit: options.limit ?? 'route', handle };
}

export const json = (body: unknown, status = 200): RouteResponse => ({ status, body });
export const noContent = (): RouteResponse => ({ status: 204 });

/** Matches decoded paths against `/channels/:channelId/messages`-style patterns, first match wins. */
export class Router {
  private readonly routes: { route: Route; segments: string[] }[] = [];

  add(...routes: Route[]): void {
    for (const route of routes) this.routes.push({ route, segments: split(route.pattern) });
  }

  match(method: string, path: string): RouteMatch {
    const segments = split(path);
    let pathExists = false;
    for (const { route, segments: pattern } of this.routes) {
      const params = matchSegments(pattern, segments);
      if (!params) continue;
      if (route.method === method) return { route, params };
      pathExists = true;
    }
    return pathExists ? { methodNotAllowed: true } : null;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(pattern: readonly string[], segments: readonly string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, expected] of pattern.entries()) {
    const actual = segments[index] ?? '';
    if (expected.startsWith(':')) params[expected.slice(1)] = actual;
    else if (expected !== actual) return null;
  }
  return params;
}
