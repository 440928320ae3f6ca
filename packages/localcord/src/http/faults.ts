export interface FaultSpec {
  /** Matched against the decoded path after `/api/v10` (e.g. `/channels/1/messages`); all routes when left out. */
  route?: RegExp;
  method?: string;
  status: 500 | 502 | 503 | 429;
  /** How many matching requests fail; 1 by default. */
  count?: number;
  /** Instead of a count: every matching request fails for this long from now (an outage). */
  forMs?: number;
  /** For 429: seconds in `retry-after`, 0.1 by default so tests stay quick. */
  retryAfter?: number;
}

interface ArmedFault extends FaultSpec {
  remaining: number;
  until: number | null;
}

/** Fails the next matching requests on purpose, before they reach their route. */
export class FaultInjector {
  private readonly armed: ArmedFault[] = [];

  add(spec: FaultSpec): void {
    this.armed.push({ ...spec, remaining: spec.count ?? 1, until: spec.forMs === undefined ? null : Date.now() + spec.forMs });
  }

  take(method: string, path: string): FaultSpec | undefined {
    const now = Date.now();
    for (const ended of this.armed.filter((f) => f.until !== null && f.until <= now)) this.armed.splice(this.armed.indexOf(ended), 1);
    const fault = this.armed.find((candidate) => (!candidate.method || candidate.method === method) && (!candidate.route || candidate.route.test(path)));
    if (!fault) return undefined;
    if (fault.until !== null) return fault;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.armed.splice(this.armed.indexOf(fault), 1);
    return fault;
  }

  clear(): void {
    this.armed.length = 0;
  }
}
