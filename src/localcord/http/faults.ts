export interface FaultSpec {
  /** Matched against the decoded path after `/api/v10` (e.g. `/channels/1/messages`); all routes when left out. */
  route?: RegExp;
  method?: string;
  status: 500 | 502 | 503 | 429;
  /** How many matching requests fail; 1 by default. */
  count?: number;
  /** For 429: seconds in `retry-after`, 0.1 by default so tests stay quick. */
  retryAfter?: number;
}

interface ArmedFault extends FaultSpec {
  remaining: number;
}

/** Fails the next matching requests on purpose, before they reach their route. */
export class FaultInjector {
  private readonly armed: ArmedFault[] = [];

  add(spec: FaultSpec): void {
    this.armed.push({ ...spec, remaining: spec.count ?? 1 });
  }

  take(method: string, path: string): FaultSpec | undefined {
    const fault = this.armed.find((candidate) => (!candidate.method || candidate.method === method) && (!candidate.route || candidate.route.test(path)));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.armed.splice(this.armed.indexOf(fault), 1);
    return fault;
  }

  clear(): void {
    this.armed.length = 0;
  }
}
