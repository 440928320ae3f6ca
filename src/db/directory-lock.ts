import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from '../errors.js';

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is single-process: two processes on one directory would corrupt it.
 * A pid file refuses the second one with a message instead.
 */
export function acquireDirectoryLock(directory: string, what: string): { release(): void } {
  const file = path.join(directory, 'duban.pid');
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(holder) && holder !== process.pid && isProcessAlive(holder)) {
      throw new StartupError(
        `${what} in ${directory} is in use by process ${holder}. Only one process may use it; to run separate worker processes, set DATABASE_URL to a PostgreSQL server.`,
      );
    }
    writeFileSync(file, String(process.pid));
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      rmSync(file, { force: true });
    },
  };
}
