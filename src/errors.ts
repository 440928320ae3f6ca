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
