import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { systemClock, type Clock } from '../ports.js';
import type { AppContext } from './context.js';

export function createAppContext(config: Config, db: Db, logger: Logger, clock: Clock = systemClock): AppContext {
  return { db, logger, clock, timeZone: config.timeZone };
}
