import path from 'node:path';
import type { Config } from '../../config.js';
import { StartupError } from '../../errors.js';
import { loadOrCreateLedgerSecret } from './ledger-secret.js';
import type { LedgerListenOptions } from './ledger-server.js';

/**
 * The ledger's listener for a process, from the configuration: the bot serves it unless LEDGER_PORT=off;
 * a worker only when LEDGER_PORT is set in its environment, and then only with LEDGER_SECRET (the bot's
 * generated secret lives in the bot's DATA_DIR). Null when this process does not serve it.
 */
export async function ledgerOptionsFor(config: Config, process: 'bot' | 'worker' | 'sandbox'): Promise<LedgerListenOptions | null> {
  if (config.ledgerPort === null) return null;
  if (process === 'worker' && config.ledgerPortIsDefault) return null;
  let secret = config.ledgerSecret;
  if (!secret) {
    if (process === 'worker') {
      throw new StartupError(
        'LEDGER_PORT is set for this worker, so it serves the ledger: set LEDGER_SECRET too, the same as the bot’s, so the links the bot gives open here.',
      );
    }
    secret = await loadOrCreateLedgerSecret(process === 'sandbox' ? path.join(config.dataDir, 'sandbox') : config.dataDir);
  }
  return { port: config.ledgerPort, host: config.ledgerHost, publicUrl: config.publicUrl, linkHours: config.ledgerLinkHours, secret };
}
