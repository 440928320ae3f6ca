import type { Logger } from '../logger.js';
import { explainFailure, type FailureOutcome } from './error-message.js';

export interface BoundaryHooks {
  /** Called after every interaction and chat reply, with how it ended (metrics hang here). */
  onHandled?(name: string, outcome: 'ok' | FailureOutcome): void;
}

/**
 * The one error boundary, for guild commands, buttons and forms, the same in DMs, and chat replies to
 * reminders: a UserError is shown as is; a Discord API error or a dependency that is away becomes a
 * mapped Chinese message; anything else is logged with an error id the person also sees. Every
 * outcome is counted. `answer` tells the person; if that fails too, it is only logged.
 */
export async function withErrorBoundary(
  input: { name: string; log: Logger; hooks?: BoundaryHooks; answer(message: string, error: unknown): Promise<unknown> },
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
    input.hooks?.onHandled?.(input.name, 'ok');
  } catch (error) {
    const { message, outcome } = explainFailure(error, input.log);
    input.hooks?.onHandled?.(input.name, outcome);
    await Promise.resolve()
      .then(() => input.answer(message, error))
      .catch((replyError: unknown) => input.log.warn({ err: replyError }, 'could not tell the person about the error'));
  }
}
