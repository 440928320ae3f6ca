import type { HttpMethod } from './router.js';

export interface LoggedFile {
  filename: string;
  size: number;
  contentType: string | undefined;
}

/** One REST request as the server saw it, kept for assertions. */
export interface LoggedRequest {
  seq: number;
  method: string;
  /** The decoded path after `/api/v10`. */
  path: string;
  /** The matched pattern, e.g. `/channels/:channelId/messages`; null when no route matched. */
  route: string | null;
  params: Readonly<Record<string, string>>;
  query: string;
  body: unknown;
  files: LoggedFile[];
  status: number;
  response: unknown;
  /** Server clock when the request arrived. */
  at: number;
  durationMs: number;
  rateLimit: { scope: 'user' | 'global'; retryAfter: number; bucket: string } | null;
  fault: boolean;
}

export interface RequestFilter {
  method?: HttpMethod;
  /** Compared with the route pattern (string) or the decoded path (RegExp). */
  route?: string | RegExp;
  status?: number;
}

/** Every REST request in arrival order, with small helpers to find the ones a test cares about. */
export class RequestLog {
  private readonly list: LoggedRequest[] = [];
  private readonly listeners = new Set<(entry: LoggedRequest) => void>();

  get entries(): readonly LoggedRequest[] {
    return this.list;
  }

  record(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest {
    const logged = { ...entry, seq: this.list.length + 1 };
    this.list.push(logged);
    for (const listener of this.listeners) listener(logged);
    return logged;
  }

  filter(filter: RequestFilter | ((entry: LoggedRequest) => boolean) = {}): LoggedRequest[] {
    const predicate = typeof filter === 'function' ? filter : (entry: LoggedRequest) => matches(entry, filter);
    return this.list.filter(predicate);
  }

  count(filter: RequestFilter | ((entry: LoggedRequest) => boolean) = {}): number {
    return this.filter(filter).length;
  }

  last(filter: RequestFilter | ((entry: LoggedRequest) => boolean) = {}): LoggedRequest | undefined {
    return this.filter(filter).at(-1);
  }

  /** Requests Discord counts towards its invalid-request ban (401, 403, 429). */
  invalid(): LoggedRequest[] {
    return this.list.filter((entry) => entry.status === 401 || entry.status === 403 || entry.status === 429);
  }

  clear(): void {
    this.list.length = 0;
  }

  onRecord(listener: (entry: LoggedRequest) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function matches(entry: LoggedRequest, filter: RequestFilter): boolean {
  if (filter.method && entry.method !== filter.method) return false;
  if (filter.status !== undefined && entry.status !== filter.status) return false;
  if (typeof filter.route === 'string' && entry.route !== filter.route) return false;
  if (filter.route instanceof RegExp && !filter.route.test(entry.path)) return false;
  return true;
}
