/**
 * The one interface the adapter's core talks to. The adapter's SQL is written once; each
 * driver (one small file beside this one) only runs it: a query, a transaction, a
 * savepoint. Nothing above this folder knows which driver it has.
 */

/** One query's result: the adapter reads only `rows`. */
export interface QueryResultLike {
  readonly rows: readonly unknown[];
}

/** Runs one statement with `$1, $2, …` bound to `params`; every parameter is cast in the SQL. */
export interface Queryable {
  /** Runs one statement; resolves to its rows. */
  query(text: string, params?: readonly unknown[]): Promise<QueryResultLike>;
}

/** An open transaction on one connection. */
export interface DriverTransaction extends Queryable {
  /**
   * Runs `fn` inside a savepoint of this transaction: released when `fn` resolves, rolled
   * back to (the transaction stays usable) and the error rethrown when it rejects.
   */
  savepoint<T>(fn: (tx: DriverTransaction) => Promise<T>): Promise<T>;
}

/** A database handle the adapter can run transactions on. */
export interface Driver {
  /** What the caller passed, for messages: `pg.Pool`, `postgres.js`, `Kysely`, … */
  readonly kind: string;
  /**
   * Runs `fn` in a transaction of its own (BEGIN … COMMIT on one connection): commits when
   * `fn` resolves, rolls back and rethrows when it rejects.
   */
  transaction<T>(fn: (tx: DriverTransaction) => Promise<T>): Promise<T>;
  /**
   * Set when the handle is a transaction the caller holds open (see `held.ts`): the
   * adapter then runs each call in a savepoint of it, never BEGIN/COMMIT, and never
   * retries (only the caller can rerun its whole transaction).
   */
  readonly held?: DriverTransaction;
}
