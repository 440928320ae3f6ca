import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  dev?: boolean;
  engines?: Record<string, string> | string[];
}

interface Lockfile {
  packages: Record<string, LockEntry>;
}

const root = new URL('../../', import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, root), 'utf8')) as T;

/**
 * The installed non-dev packages whose `engines.node` leaves out the oldest Node that
 * duban's own `engines.node` admits: duban would promise a Node its dependencies refuse.
 */
function enginesExcluding(declared: string, lock: Lockfile): string[] {
  const oldest = semver.minVersion(declared);
  if (!oldest) throw new Error(`package.json engines.node "${declared}" admits no version`);
  const refusals: string[] = [];
  for (const [where, entry] of Object.entries(lock.packages)) {
    // '' is the project itself; dev-only packages never run in production.
    if (where === '' || entry.dev) continue;
    const wanted = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
    if (wanted && !semver.satisfies(oldest, wanted)) refusals.push(`${where}@${entry.version ?? '?'} wants node ${wanted}, duban declares ${declared}`);
  }
  return refusals;
}

describe('engines', () => {
  const declared = readJson<{ engines?: { node?: string } }>('package.json').engines?.node;

  it('declares the Node versions duban runs on', () => {
    expect(declared).toBeDefined();
    // The machines run Node 20; process.loadEnvFile (src/config.ts) needs 20.12.
    expect(semver.satisfies('20.12.0', declared!)).toBe(true);
    expect(semver.satisfies('20.11.1', declared!)).toBe(false);
  });

  it('installs no production package that refuses the declared Node', () => {
    expect(enginesExcluding(declared!, readJson<Lockfile>('package-lock.json'))).toEqual([]);
  });

  it('names a production package whose engines leave out the declared Node, and passes over dev-only ones', () => {
    const lock: Lockfile = {
      packages: {
        '': { version: '0.1.0', engines: { node: '>=20.12' } },
        'node_modules/new-only': { version: '1.0.0', engines: { node: '>=22.0.0' } },
        'node_modules/fine': { version: '1.0.0', engines: { node: '>=18' } },
        'node_modules/dev-tool': { version: '1.0.0', dev: true, engines: { node: '>=24' } },
      },
    };
    expect(enginesExcluding('>=20.12', lock)).toEqual(['node_modules/new-only@1.0.0 wants node >=22.0.0, duban declares >=20.12']);
  });
});
