import type { Driver, QueryResultLike } from './driver.js';
import { sqlTransaction } from './savepoint.js';

/** A PGlite instance (only what the adapter calls): it runs transactions on its one connection. */
export interface PGliteLike {
  /** Runs one statement with `$1, $2, …` bound to `params`. */
  query(text: string, params?: unknown[]): Promise<QueryResultLike>;
  /** Runs `fn` between BEGIN and COMMIT; rolls back and rethrows when it throws. */
  transaction<T>(fn: (tx: { query(text: string, params?: unknown[]): Promise<QueryResultLike> }) => Promise<T>): Promise<T>;
}

/** True for PGlite: `query` and `transaction` (a Kysely instance, which also has `transaction`, is told apart first). */
export function isPGlite(db: object): db is PGliteLike {
  const candidate = db as Partial<PGliteLike>;
  return typeof candidate.query === 'function' && typeof candidate.transaction === 'function';
}

/** PGlite's Transaction (what `transaction(fn)` hands `fn`): it queries and rolls back, but cannot start one. */
export function isPGliteTransaction(db: object): boolean {
  const candidate = db as { query?: unknown; rollback?: unknown; transaction?: unknown };
  return typeof candidate.query === 'function' && typeof candidate.rollback === 'function' && typeof candidate.transaction !== 'function';
}

/** PGlite queues transactions itself; savepoints are SQL. */
export function pgliteDriver(lite: PGliteLike): Driver {
  return {
    kind: 'PGlite',
    transaction: (fn) => lite.transaction((tx) => fn(sqlTransaction(tx))),
  };
}
