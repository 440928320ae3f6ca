import type { DbOrTx } from '../database.js';

/** A port implemented as plain functions of the database handle (or an open transaction) first. */
export type RepositoryOf<P> = {
  readonly [K in keyof P]: P[K] extends (...args: infer A) => infer R ? (db: DbOrTx, ...args: A) => R : never;
};

/** The port, with every function bound to one handle. */
export function bindRepository<P>(db: DbOrTx, repository: RepositoryOf<P>): P {
  const bound: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(repository) as [string, (db: DbOrTx, ...args: unknown[]) => unknown][]) {
    bound[name] = (...args: unknown[]) => fn(db, ...args);
  }
  return bound as P;
}
