import { InvalidArgumentError } from '../../errors.js';
import type { Driver, DriverTransaction, Queryable, QueryResultLike } from './driver.js';
import { beginCommit, oneAtATime } from './savepoint.js';

/** A client checked out of a `pg.Pool`: `release(true)` destroys a broken connection. */
export interface PgPoolClientLike {
  /** Runs one statement with `$1, $2, …` bound to `params`. */
  query(text: string, params?: unknown[]): Promise<QueryResultLike>;
  /** Returns the client to its pool, or destroys it when `destroy` is truthy. */
  release(destroy?: boolean | Error): void;
  /** pg's event emitter: the adapter listens for 'error' while it holds the client. */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  /** Stops listening, when the adapter hands the client back. */
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/** A `pg.Pool` (only what the adapter calls): one checked-out client per transaction. */
export interface PgPoolLike {
  /** Runs one statement with `$1, $2, …` bound to `params`. */
  query(text: string, params?: unknown[]): Promise<QueryResultLike>;
  /** Checks out one client for a transaction. */
  connect(): Promise<PgPoolClientLike>;
  readonly totalCount: number;
}

/** One `pg` connection: a connected `pg.Client`, or a `PoolClient` the caller checked out. */
export interface PgClientLike {
  /** Runs one statement with `$1, $2, …` bound to `params`. */
  query(text: string, params?: unknown[]): Promise<QueryResultLike>;
  /** `I` idle, `T` in a transaction, `E` in a failed one (pg ≥ 8.8). */
  getTransactionStatus?(): string | null;
}

/** True for a `pg.Pool`: a `Client` also has `connect()` (it opens the connection), so the pool is told by `totalCount`. */
export function isPgPool(db: object): db is PgPoolLike {
  const candidate = db as Partial<PgPoolLike> & { release?: unknown };
  return typeof candidate.query === 'function' && typeof candidate.connect === 'function' && typeof candidate.totalCount === 'number' && typeof candidate.release !== 'function';
}

/** True for a `pg.Client` (`connect`) or a `PoolClient` (`release`). */
export function isPgClient(db: object): db is PgClientLike {
  const candidate = db as { query?: unknown; connect?: unknown; release?: unknown };
  return typeof candidate.query === 'function' && (typeof candidate.connect === 'function' || typeof candidate.release === 'function');
}

/**
 * A pool: each transaction on a client of its own. pg-pool removes its own 'error'
 * listener while a client is checked out, so a backend that dies mid-transaction would
 * emit 'error' with no listener and crash the process: listen for the checkout, and
 * destroy (not return) a client that failed, since its connection is gone.
 */
export function pgPoolDriver(pool: PgPoolLike): Driver {
  return {
    kind: 'pg.Pool',
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      const onError = (error: Error): void => {
        broken ??= error;
      };
      client.on?.('error', onError);
      try {
        return await beginCommit(client, fn, (error) => {
          broken ??= error;
        });
      } finally {
        client.removeListener?.('error', onError);
        client.release(broken !== undefined);
      }
    },
  };
}

/**
 * One connection: BEGIN/COMMIT on it, one adapter call at a time. A connection already
 * inside the caller's own transaction is refused: BEGIN there is only a warning, and our
 * COMMIT would commit the caller's work half-way.
 */
export function pgClientDriver(client: PgClientLike): Driver {
  return {
    kind: 'pg.Client',
    transaction: (fn) =>
      oneAtATime(client, async () => {
        await refuseOpenTransaction(client);
        return beginCommit(client, fn);
      }),
  };
}

/** The error for a handle that is inside a transaction the adapter did not open. */
export function insideTransaction(): InvalidArgumentError {
  return new InvalidArgumentError('db', 'is inside a transaction; pass the pool or a connection outside a transaction (or use withTransaction)');
}

// SQLSTATEs of the probe below.
const noActiveTransaction = '25P01';
const inFailedTransaction = '25P02';

/**
 * pg reports the server's last transaction status; for a connection that does not, a
 * SAVEPOINT probes it (it fails outside a transaction).
 */
async function refuseOpenTransaction(connection: PgClientLike & Queryable): Promise<void> {
  const status = connection.getTransactionStatus?.();
  if (status === 'I') return;
  if (status === 'T' || status === 'E') throw insideTransaction();
  try {
    await connection.query('savepoint timeblocks_probe');
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === noActiveTransaction) return;
    if (code === inFailedTransaction) throw insideTransaction();
    throw error;
  }
  await connection.query('release savepoint timeblocks_probe');
  throw insideTransaction();
}
