import type { Job, Queue, Worker } from 'bullmq';
import { opsMetrics, type OpsMetrics, type QueueDepthCollector } from './metrics.js';

const states = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;

/** Queue depths of BullMQ queues, read with getJobCounts when Prometheus scrapes. */
export function bullmqQueueCollector(queues: readonly Queue[]): QueueDepthCollector {
  return {
    async collect() {
      return Promise.all(queues.map(async (queue) => ({ queue: queue.name, counts: await queue.getJobCounts(...states) })));
    },
  };
}

function timingOf(job: Job, outcome: 'completed' | 'failed') {
  const dueAt = job.timestamp + (job.delay ?? 0);
  const started = job.processedOn ?? null;
  const finished = job.finishedOn ?? Date.now();
  return {
    queue: job.queueName,
    name: job.name,
    outcome,
    waitSeconds: started === null ? null : Math.max(0, started - dueAt) / 1000,
    runSeconds: started === null ? null : Math.max(0, finished - started) / 1000,
  };
}

/** Records every job a worker finishes (wait and run time); returns a function that stops recording. */
export function observeWorker(worker: Worker, metrics: OpsMetrics = opsMetrics): () => void {
  const completed = (job: Job) => metrics.observeJob(timingOf(job, 'completed'));
  const failed = (job: Job | undefined) => {
    if (job) metrics.observeJob(timingOf(job, 'failed'));
  };
  worker.on('completed', completed);
  worker.on('failed', failed);
  return () => {
    worker.off('completed', completed);
    worker.off('failed', failed);
  };
}
