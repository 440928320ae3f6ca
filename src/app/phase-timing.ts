import diagnosticsChannel from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';

/** How long one named part of a use-case took, e.g. { name: 'ranking.query', ms: 12.3 }. */
export interface PhaseTiming {
  readonly name: string;
  readonly ms: number;
}

/**
 * Where timed phases are published. Nothing listens in production, and then timing costs nothing:
 * a benchmark subscribes (onPhase) to see where the time of a command goes, without copying the code.
 */
const phases = diagnosticsChannel.channel('duban:phase');

/** Runs one part of a use-case and publishes how long it took, when someone listens. */
export async function timePhase<T>(name: string, run: () => Promise<T> | T): Promise<T> {
  if (!phases.hasSubscribers) return run();
  const started = performance.now();
  try {
    return await run();
  } finally {
    phases.publish({ name, ms: performance.now() - started } satisfies PhaseTiming);
  }
}

/** Listens to every timed phase of this process until the returned function is called. */
export function onPhase(listener: (timing: PhaseTiming) => void): () => void {
  const receive = (message: unknown) => listener(message as PhaseTiming);
  phases.subscribe(receive);
  return () => phases.unsubscribe(receive);
}
