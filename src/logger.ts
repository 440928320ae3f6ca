import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON logs to stdout; the level comes from Config. */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stdout): Logger {
  return pino({ level, base: { app: 'duban' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}
