import type { Logger } from './logger.js';

type Closer = { name: string; close: () => Promise<void> | void };

/**
 * Collects what a process opened and closes it in reverse order on SIGINT/SIGTERM,
 * under a deadline so a stuck close cannot keep the process alive forever.
 */
export class Shutdown {
  private readonly closers: Closer[] = [];
  private closing: Promise<void> | null = null;

  constructor(
    private readonly logger: Logger,
    private readonly deadlineMs = 10_000,
  ) {}

  add(name: string, close: () => Promise<void> | void): void {
    this.closers.push({ name, close });
  }

  /** Closes everything once; later calls wait for the same run. */
  run(reason: string): Promise<void> {
    this.closing ??= this.closeAll(reason);
    return this.closing;
  }

  listen(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        void this.run(signal).then(() => process.exit(process.exitCode ?? 0));
      });
    }
  }

  private async closeAll(reason: string): Promise<void> {
    this.logger.info({ reason }, 'shutting down');
    const deadline = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), this.deadlineMs).unref());
    for (const closer of [...this.closers].reverse()) {
      try {
        const outcome = await Promise.race([Promise.resolve(closer.close()).then(() => 'closed' as const), deadline]);
        if (outcome === 'timeout') {
          this.logger.error({ closer: closer.name }, 'shutdown deadline passed; exiting anyway');
          process.exitCode = 1;
          return;
        }
      } catch (error) {
        this.logger.error({ err: error, closer: closer.name }, 'error while closing');
      }
    }
    this.logger.info('shut down cleanly');
  }
}
