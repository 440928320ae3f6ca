import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BoundaryHooks } from '../discord/error-boundary.js';

export type CommandOutcome = 'ok' | 'user_error' | 'unavailable' | 'error';

/** One queue's job counts by state (waiting, active, delayed, failed, …), as a collector reports them. */
export interface QueueDepth {
  queue: string;
  counts: Readonly<Record<string, number>>;
}

/** Reads queue depths when Prometheus scrapes; registered by whoever owns the queues. */
export interface QueueDepthCollector {
  collect(): Promise<readonly QueueDepth[]>;
}

/** How long a job waited for a worker and how long it ran. */
export interface JobTiming {
  queue: string;
  name: string;
  outcome: 'completed' | 'failed';
  waitSeconds: number | null;
  runSeconds: number | null;
}

// Seconds: a job usually waits milliseconds, a reminder fan-out may run for minutes.
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/**
 * The process's Prometheus metrics in their own registry: commands handled, reminders sent and
 * failed, queue depths (from registered collectors), job latency, and Node's process metrics.
 */
export class OpsMetrics {
  readonly registry = new Registry();
  private readonly collectors = new Set<QueueDepthCollector>();
  private readonly commands: Counter<'command' | 'outcome'>;
  private readonly remindersSent: Counter<'stage'>;
  private readonly remindersFailed: Counter<'stage' | 'will_retry'>;
  private readonly jobWait: Histogram<'queue' | 'name'>;
  private readonly jobRun: Histogram<'queue' | 'name' | 'outcome'>;

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.commands = new Counter({
      name: 'duban_commands_handled_total',
      help: 'Slash commands, buttons, menus and forms handled, by command and outcome',
      labelNames: ['command', 'outcome'],
      registers,
    });
    this.remindersSent = new Counter({
      name: 'duban_reminders_sent_total',
      help: 'Reminders delivered to Discord, by stage',
      labelNames: ['stage'],
      registers,
    });
    this.remindersFailed = new Counter({
      name: 'duban_reminders_failed_total',
      help: 'Reminder sends that failed, by stage and whether another attempt follows',
      labelNames: ['stage', 'will_retry'],
      registers,
    });
    this.jobWait = new Histogram({
      name: 'duban_job_wait_seconds',
      help: 'Time a job waited between becoming due and a worker starting it',
      labelNames: ['queue', 'name'],
      buckets: latencyBuckets,
      registers,
    });
    this.jobRun = new Histogram({
      name: 'duban_job_run_seconds',
      help: 'Time a worker spent on a job',
      labelNames: ['queue', 'name', 'outcome'],
      buckets: latencyBuckets,
      registers,
    });
    const collectors = this.collectors;
    new Gauge({
      name: 'duban_queue_jobs',
      help: 'Jobs in each queue by state, read when scraped',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        // Reset first: a queue that is gone must not keep reporting its last depth.
        this.reset();
        const results = await Promise.allSettled([...collectors].map((c) => c.collect()));
        for (const result of results) {
          if (result.status !== 'fulfilled') continue;
          for (const depth of result.value) for (const [state, count] of Object.entries(depth.counts)) this.set({ queue: depth.queue, state }, count);
        }
      },
    });
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  commandHandled(command: string, outcome: CommandOutcome): void {
    this.commands.inc({ command: command || 'unknown', outcome });
  }

  reminderSent(stage: string): void {
    this.remindersSent.inc({ stage });
  }

  reminderFailed(stage: string, options: { willRetry: boolean }): void {
    this.remindersFailed.inc({ stage, will_retry: String(options.willRetry) });
  }

  observeJob(timing: JobTiming): void {
    if (timing.waitSeconds !== null && timing.waitSeconds >= 0) this.jobWait.observe({ queue: timing.queue, name: timing.name }, timing.waitSeconds);
    if (timing.runSeconds !== null && timing.runSeconds >= 0)
      this.jobRun.observe({ queue: timing.queue, name: timing.name, outcome: timing.outcome }, timing.runSeconds);
  }

  /** Adds a source of queue depths; returns a function that removes it again. */
  addQueueCollector(collector: QueueDepthCollector): () => void {
    this.collectors.add(collector);
    return () => this.collectors.delete(collector);
  }

  /** The interaction router's hooks, counting every interaction by command and outcome. */
  routerHooks(): BoundaryHooks {
    return { onHandled: (name, outcome) => this.commandHandled(name, outcome) };
  }

  /** The text Prometheus scrapes. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/**
 * The process's metrics. Code that counts something calls these; the ops listener serves them.
 * Counting costs nothing when no listener is configured.
 */
export const opsMetrics = new OpsMetrics();
