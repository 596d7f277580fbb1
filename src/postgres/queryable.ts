/**
 * The database handles the adapter accepts, described structurally: only the methods it
 * calls. `pg` and PGlite are never imported; any object of the right shape works.
 */

/** One query's result: the adapter reads only `rows`. */
export interface QueryResultLike {
  readonly rows: readonly unknown[];
}

/** Anything that runs a parameterized query: a pg `Client`, `Pool`, `PoolClient`, PGlite, a PGlite transaction. */
export interface Queryable {
  /** Runs one statement with `$1, $2, …` bound to `params`. */
  query(text: string, params?: unknown[]): Promise<QueryResultLike>;
}

/** PGlite (and look-alikes): runs `fn` in a transaction on its one connection. */
export interface TransactionRunner extends Queryable {
  /** Runs `fn` between BEGIN and COMMIT; rolls back and rethrows when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** A client checked out of a pool; `release(true)` destroys a broken connection. */
export interface PoolClientLike extends Queryable {
  /** Returns the client to its pool, or destroys it when `destroy` is truthy. */
  release(destroy?: boolean | Error): void;
  /** pg's event emitter: the adapter listens for 'error' while it holds the client. */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  /** Stops listening, when the adapter hands the client back. */
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/** A pg `Pool`: one checked-out client per transaction. Recognized by its `totalCount`. */
export interface PoolLike extends Queryable {
  /** Checks out one client for a transaction. */
  connect(): Promise<PoolClientLike>;
  readonly totalCount: number;
}

/**
 * What every adapter function takes as `db`: a PGlite instance, a pg `Pool`, or one
 * connection (a pg `Client` or a `PoolClient`) that is not inside a transaction of its own.
 */
export type Database = Queryable | TransactionRunner | PoolLike;

/** True for PGlite-style handles that run transactions themselves. */
export function isTransactionRunner(db: Database): db is TransactionRunner {
  return typeof (db as Partial<TransactionRunner>).transaction === 'function';
}

/** True for a pg `Pool`. A `Client` also has `connect()` (it opens the connection), so the pool is told by `totalCount`. */
export function isPool(db: Database): db is PoolLike {
  const candidate = db as Partial<PoolLike> & { release?: unknown };
  return typeof candidate.connect === 'function' && typeof candidate.totalCount === 'number' && typeof candidate.release !== 'function';
}

/** The rows of a result, typed by the caller who wrote the query. */
export function rowsOf<Row>(result: QueryResultLike): Row[] {
  return result.rows as Row[];
}
