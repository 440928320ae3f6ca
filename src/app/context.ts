import type { Logger } from '../logger.js';
import type { Clock, DeliveryScheduler, LedgerLinks, Store } from '../ports.js';

/** What every use-case receives: passed explicitly, never a global container. */
export interface AppContext {
  store: Store;
  logger: Logger;
  clock: Clock;
  /** The default time zone (config TZ); a workspace may have its own. */
  timeZone: string;
  /** The reminder queue; absent in processes without Redis (the ledger is still written). */
  scheduler?: DeliveryScheduler;
  /** Issues personal links to the web ledger (/ledger); absent where the ledger is not served. */
  ledgerLinks?: LedgerLinks;
}
