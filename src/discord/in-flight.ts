/**
 * The interactions and chat replies this process is still handling. Shutdown waits for them (under its
 * deadline) so a person who pressed a button just before a deploy still gets an answer; tests wait for
 * them to know every write a command was going to make has been made.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private waiters: Array<() => void> = [];

  track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => {
      this.running.delete(settled);
      if (this.running.size > 0) return;
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    });
  }

  get count(): number {
    return this.running.size;
  }

  /** Resolves once nothing is in flight (at once if nothing is). */
  idle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
