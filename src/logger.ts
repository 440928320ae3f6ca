import { pino, type Logger } from 'pino';
import { redact } from './redact.js';

export type { Logger };

/**
 * JSON logs to stdout; the level comes from Config. Every line passes through `redact`, so a
 * credential inside an error message or a logged URL never reaches the log.
 */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stdout): Logger {
  return pino({ level, base: { app: 'duban' }, timestamp: pino.stdTimeFunctions.isoTime, hooks: { streamWrite: redact } }, destination);
}
