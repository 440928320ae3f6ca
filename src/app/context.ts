import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { Clock, DeliveryScheduler, Store } from '../ports.js';

/** What every use-case receives: passed explicitly, never a global container. */
export interface AppContext {
  /** Being replaced by `store`: use-cases read and write through the store only. */
  db: Db;
  store: Store;
  logger: Logger;
  clock: Clock;
  /** The default time zone (config TZ); a workspace may have its own. */
  timeZone: string;
  /** The reminder queue; absent in processes without Redis (the ledger is still written). */
  scheduler?: DeliveryScheduler;
}
