import type { AppContext } from './app/context.js';
import type { Db } from './db/database.js';
import { createStore } from './db/store.js';
import type { Logger } from './logger.js';
import { systemClock, type Clock } from './ports.js';

/** The use-cases' context on a database: its store, the logger, the clock and the default time zone. */
export function createAppContext(options: { db: Db; logger: Logger; clock?: Clock; timeZone: string }): AppContext {
  return { store: createStore(options.db), logger: options.logger, clock: options.clock ?? systemClock, timeZone: options.timeZone };
}
