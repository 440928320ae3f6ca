import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { endpointFromUrl, redisOptions } from '../../src/queue/redis-endpoint.js';

const say = (text: string) => process.stderr.write(`${text}\n`);
const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/**
 * What a benchmark made and must remove: a scratch database, Redis keys, child processes, servers.
 * Each step is added the moment its thing exists and runs once, last added first, whatever happens;
 * a step that fails or hangs does not stop the ones after it.
 */
export class Cleanup {
  private readonly steps: { name: string; run: () => Promise<unknown> | unknown }[] = [];
  private running: Promise<void> | null = null;

  constructor(private readonly stepTimeoutMs = 15_000) {}

  add(name: string, run: () => Promise<unknown> | unknown): void {
    this.steps.push({ name, run });
  }

  run(): Promise<void> {
    this.running ??= this.runAll();
    return this.running;
  }

  private async runAll(): Promise<void> {
    for (const step of [...this.steps].reverse()) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), this.stepTimeoutMs);
      });
      try {
        const outcome = await Promise.race([Promise.resolve().then(step.run), timeout]);
        if (outcome === 'timeout') say(`clean-up: ${step.name} did not finish within ${this.stepTimeoutMs} ms; going on`);
      } catch (error) {
        say(`clean-up: ${step.name} failed: ${describe(error)}`);
      } finally {
        clearTimeout(timer);
      }
    }
  }
}

/**
 * Runs a benchmark so that its clean-up runs however it ends: it returns, it throws, a promise rejects
 * with nobody listening, an exception escapes, or the person presses Ctrl-C (SIGINT) or the process
 * is asked to stop (SIGTERM). A second Ctrl-C during the clean-up stops at once.
 */
export function runBenchmark(name: string, main: (cleanup: Cleanup) => Promise<void>): void {
  const cleanup = new Cleanup();
  let exiting = false;
  const finish = async (code: number, why?: string) => {
    if (exiting) {
      if (why) say(`${name}: ${why} during the clean-up`);
      return;
    }
    exiting = true;
    if (why) say(`${name}: ${why}; cleaning up`);
    await cleanup.run();
    process.exit(code);
  };
  process.on('unhandledRejection', (reason) => void finish(1, `unhandled rejection: ${describe(reason)}`));
  process.on('uncaughtException', (error) => void finish(1, `uncaught exception: ${describe(error)}`));
  process.once('SIGINT', () => void finish(130, 'interrupted (SIGINT)'));
  process.once('SIGTERM', () => void finish(143, 'terminated (SIGTERM)'));
  main(cleanup).then(
    () => finish(0),
    (error: unknown) => finish(1, `failed: ${describe(error)}`),
  );
}

/** Asks a child to stop (SIGTERM), and kills it (SIGKILL) if it has not exited within the grace period: a stopped or stuck child too. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  const outcome = await Promise.race([exited, graceOver]);
  clearTimeout(timer);
  if (outcome === 'late') {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Deletes every key under a queue prefix. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisOptions(endpointFromUrl(redisUrl), { maxRetriesPerRequest: 1 }));
  redis.on('error', () => undefined);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
