import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The secret that signs ledger links when LEDGER_SECRET is not set: generated once and kept in
 * DATA_DIR/ledger-secret (readable by its owner only), so links survive a restart.
 */
export async function loadOrCreateLedgerSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'ledger-secret');
  try {
    const held = (await readFile(file, 'utf8')).trim();
    if (held.length >= 32) return held;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  // 'wx' fails when another process wrote it meanwhile: then that one is read.
  try {
    await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readFile(file, 'utf8')).trim();
  }
}
