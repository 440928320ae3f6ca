import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.js';
import { NoticeFileError } from './notice-file-error.js';
import { NOTICE_LIMITS } from './notice-limits.js';
import type { ClonedError, NoticeJob, NoticeJobValue, WorkerMessage, WorkerRequest } from './notice-worker.js';

export interface NoticeWorkerPoolOptions {
  /** Threads reading at once. */
  size?: number;
  /** Wall-clock time one job may run before its thread is terminated. */
  timeLimitMs?: number;
  /** Old-generation heap of each thread; a thread that needs more is stopped by V8. */
  heapMb?: number;
  /**
   * How far the process's resident memory may rise while a job runs. V8's heap limit does not cover binary
   * buffers (ArrayBuffers), in which a reader such as pdf.js inflates a file's compressed streams; the pool
   * watches the process and ends the running jobs' threads past this.
   */
  memoryBudgetMb?: number;
  /** Jobs waiting for a thread; past this, a job is refused at once. */
  maxQueue?: number;
  /** A thread idle this long is ended, giving its memory back; the next job starts a new one. */
  idleMs?: number;
}

/** Starting a thread (loading tsx, mammoth and pdf.js) takes about a second; this is when something is wrong. */
const BOOT_LIMIT_MS = 60_000;
/** How often the process's memory is read while a job runs: a reader inflating at 1 GB/s overshoots by ~50 MB. */
const MEMORY_WATCH_MS = 50;

interface Pending {
  id: number;
  job: NoticeJob;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker | null;
  ready: boolean;
  job: Pending | null;
  timer: NodeJS.Timeout | null;
  /** Resident memory when the running job started, or null while none runs. */
  startRss: number | null;
}

/**
 * A few worker threads that read notice files and parse notices, so that one server's upload never holds the
 * event loop every other server's commands run on, nor its memory: each thread has its own heap limit, and a
 * job running past the time limit has its thread terminated. Jobs queue for a free thread; a thread that
 * failed is replaced by the next job. Idle threads do not keep the process alive.
 */
export class NoticeWorkerPool {
  private readonly size: number;
  readonly timeLimitMs: number;
  readonly heapMb: number;
  private readonly memoryBudgetBytes: number;
  private memoryWatch: NodeJS.Timeout | null = null;
  private readonly maxQueue: number;
  private readonly idleMs: number;
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(options: NoticeWorkerPoolOptions = {}) {
    this.size = options.size ?? Math.max(1, Math.min(2, availableParallelism() - 1));
    this.timeLimitMs = options.timeLimitMs ?? NOTICE_LIMITS.parseTimeMs;
    this.heapMb = options.heapMb ?? NOTICE_LIMITS.parseHeapMb;
    this.memoryBudgetBytes = (options.memoryBudgetMb ?? NOTICE_LIMITS.parseMemoryMb) * 1024 * 1024;
    this.maxQueue = options.maxQueue ?? 20;
    this.idleMs = options.idleMs ?? 120_000;
    this.slots = Array.from({ length: this.size }, () => ({ worker: null, ready: false, job: null, timer: null, startRss: null }));
  }

  run<K extends NoticeJob['kind']>(job: Extract<NoticeJob, { kind: K }>): Promise<NoticeJobValue[K]> {
    if (this.closed) return Promise.reject(new Error('notice worker pool is closed'));
    if (this.queue.length >= this.maxQueue) return Promise.reject(limitError(job.kind, 'busy', this.timeLimitMs));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Ends every thread; queued and running jobs are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('notice worker pool closed'));
    await Promise.all(this.slots.map((slot) => this.retire(slot, new Error('notice worker pool closed'))));
  }

  /** Threads running now (for tests: a terminated one is gone). */
  get threads(): number {
    return this.slots.filter((slot) => slot.worker !== null).length;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const pending = this.queue.shift();
      if (!pending) return;
      slot.job = pending;
      if (!slot.worker) this.spawn(slot);
      const worker = slot.worker as Worker | null;
      if (!worker) continue;
      worker.ref();
      if (slot.ready) this.start(slot, worker, pending);
      else this.arm(slot, BOOT_LIMIT_MS, () => this.fail(slot, new Error('notice worker did not start in time')));
    }
  }

  private start(slot: Slot, worker: Worker, pending: Pending): void {
    this.arm(slot, this.timeLimitMs, () => this.fail(slot, limitError(pending.job.kind, 'timeout', this.timeLimitMs)));
    slot.startRss = process.memoryUsage.rss();
    this.watchMemory();
    worker.postMessage({ id: pending.id, job: pending.job } satisfies WorkerRequest);
  }

  /**
   * Ends the running jobs whose process memory rose past the budget since they started. The process's memory is
   * all there is to read from outside a thread; when two jobs run, both are ended, as either may be the cause.
   */
  private watchMemory(): void {
    if (this.memoryWatch) return;
    this.memoryWatch = setInterval(() => {
      const running = this.slots.filter((slot) => slot.job && slot.startRss !== null);
      if (running.length === 0) {
        if (this.memoryWatch) clearInterval(this.memoryWatch);
        this.memoryWatch = null;
        return;
      }
      const rss = process.memoryUsage.rss();
      if (!running.some((slot) => rss - (slot.startRss ?? rss) > this.memoryBudgetBytes)) return;
      for (const slot of running) if (slot.job) void this.fail(slot, limitError(slot.job.job.kind, 'memory', this.memoryBudgetBytes / 1024 / 1024));
    }, MEMORY_WATCH_MS);
    this.memoryWatch.unref();
  }

  private spawn(slot: Slot): void {
    const worker = new Worker(new URL('./notice-worker-entry.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    slot.worker = worker;
    slot.ready = false;
    worker.on('message', (message: WorkerMessage) => {
      if (slot.worker !== worker) return;
      if (message.type === 'ready') {
        slot.ready = true;
        if (slot.job) this.start(slot, worker, slot.job);
        else this.idle(slot, worker);
        return;
      }
      const pending = slot.job;
      if (!pending || pending.id !== message.id) return;
      this.disarm(slot);
      slot.job = null;
      slot.startRss = null;
      if (message.type === 'done') pending.resolve(message.value);
      else pending.reject(restoreError(message.error));
      this.idle(slot, worker);
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      const outOfMemory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      void this.fail(slot, outOfMemory && slot.job ? limitError(slot.job.job.kind, 'memory', this.heapMb) : error);
    });
    worker.on('exit', (code) => {
      if (slot.worker !== worker) return;
      void this.fail(slot, new Error(`notice worker exited with code ${code}`));
    });
  }

  /** Refuses the slot's job with `error`, ends its thread, and lets the next job start a fresh one. */
  private async fail(slot: Slot, error: Error): Promise<void> {
    const retired = this.retire(slot, error);
    this.dispatch();
    await retired;
  }

  private async retire(slot: Slot, error: Error): Promise<void> {
    this.disarm(slot);
    const { worker, job } = slot;
    slot.worker = null;
    slot.ready = false;
    slot.job = null;
    slot.startRss = null;
    job?.reject(error);
    if (worker) await worker.terminate();
  }

  private idle(slot: Slot, worker: Worker): void {
    worker.unref();
    this.arm(slot, this.idleMs, () => void this.retire(slot, new Error('idle')));
  }

  private arm(slot: Slot, ms: number, onTimeout: () => void): void {
    this.disarm(slot);
    slot.timer = setTimeout(onTimeout, ms);
    slot.timer.unref();
  }

  private disarm(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }
}

function restoreError(error: ClonedError): Error {
  if (error.name === 'NoticeFileError' && error.code) return new NoticeFileError(error.code as NoticeFileError['code'], error.message);
  if (error.name === 'UserError' && error.code) return new UserError(error.code, error.message);
  const restored = new Error(error.message);
  restored.name = error.name;
  return restored;
}

type Limit = 'timeout' | 'memory' | 'busy';

/** What a coordinator reads when a job hits a limit of the reading thread: why, and what to do. */
/** `amount`: the time limit in ms, or the memory limit in MB that was passed. */
function limitError(kind: NoticeJob['kind'], limit: Limit, amount: number): UserError {
  const seconds = amount >= 10_000 ? String(Math.round(amount / 1000)) : (amount / 1000).toFixed(1);
  const heap = Math.round(amount);
  if (kind === 'read') {
    if (limit === 'timeout')
      return new NoticeFileError(
        'read_timeout',
        `读取文件超过 ${seconds} 秒仍未完成，已停止。文件可能过大或结构异常。请在 Word 中另存为 .docx（或导出为 PDF）后重新上传，或直接把文字粘贴进来。`,
      );
    if (limit === 'memory')
      return new NoticeFileError(
        'too_complex',
        `读取文件所需内存超过上限（${heap} MB），已停止。文件可能过大或结构异常。请删去图片、附件后另存再上传，或直接把文字粘贴进来。`,
      );
    return new NoticeFileError('busy', '正在读取的文件较多，请稍等一分钟后重试。');
  }
  if (limit === 'timeout')
    return new UserError('parse_timeout', `解析工作要点超过 ${seconds} 秒仍未完成，已停止。请确认内容是一份工作要点正文，删去无关内容后重试。`);
  if (limit === 'memory')
    return new UserError('parse_too_complex', `解析工作要点所需内存超过上限（${heap} MB），已停止。请确认内容是一份工作要点正文，删去无关内容后重试。`);
  return new UserError('parse_busy', '正在解析的工作要点较多，请稍等一分钟后重试。');
}
