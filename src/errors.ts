/** A problem that stops start-up: shown as one clear line, no stack trace. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupError';
  }
}

/**
 * An expected failure caused by what a person asked for. `code` is stable (tests and logs key on it);
 * `message` is Simplified Chinese and says what to do.
 */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** A service the app depends on that can be briefly away (restarting, failing over). */
export type Dependency = 'database' | 'queue';

// SQLSTATE class 08 (connection exception), 57P01–57P03 (shutting down, crashed, starting up), 53300 (too many connections).
const POSTGRES_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
const POSTGRES_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/i;
// ioredis with the offline queue off (queue producers fail fast) or a closed connection; BullMQ passes these through.
const REDIS_MESSAGES = /enableOfflineQueue options is false|Connection is closed|Reached the max retries per request limit/i;

/**
 * Which dependency an error says is unreachable, or null when the error is about something else.
 * Read from codes and messages, so this module needs neither pg nor ioredis.
 */
export function unavailableDependency(error: unknown): Dependency | null {
  if (!(error instanceof Error)) return null;
  const { code } = error as { code?: unknown };
  if (REDIS_MESSAGES.test(error.message) || error.name === 'MaxRetriesPerRequestError') return 'queue';
  if (typeof code === 'string' && POSTGRES_UNAVAILABLE.test(code)) return 'database';
  if (POSTGRES_MESSAGES.test(error.message)) return 'database';
  // A bare socket error comes from connecting to Postgres: Redis errors reach us as the messages above.
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return 'database';
  if (error instanceof AggregateError) return error.errors.map(unavailableDependency).find((d) => d !== null) ?? null;
  return null;
}
