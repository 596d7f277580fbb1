import { TimeblocksError } from '../errors.js';
import { InvalidArgumentError } from '../errors.js';
import { TransactionRetryError } from './errors.js';
import { isRetryable, sqlStateOf, sqlStates } from './sql-errors.js';
import { isPool, isTransactionRunner, type Database, type PoolLike, type Queryable } from './queryable.js';

/** Thrown inside a transaction to ask for a fresh attempt (e.g. a conflicting row vanished before it could be reported). */
export class RetryTransaction extends Error {
  override name = 'RetryTransaction';
}

/** How many times a transaction runs before the adapter gives up. */
export const maxAttempts = 5;

/**
 * Runs `fn` in one real transaction on `db` and commits, or rolls back and rethrows.
 *
 * PGlite runs it through its own `transaction()`; a pool checks out one client for it
 * (destroyed, not returned, when even ROLLBACK failed: the connection is broken); a single
 * connection gets BEGIN/COMMIT, one adapter call at a time, and is refused when it is
 * already inside a transaction of the caller's (so is a PGlite `Transaction`). Deadlocks, serialization
 * failures and `RetryTransaction` start the whole transaction again, a few times; a
 * `RetryTransaction` on the last attempt becomes a `TransactionRetryError`.
 */
export async function inTransaction<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const caller = new Error('called from');
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(db, fn);
    } catch (error) {
      const retry = error instanceof RetryTransaction || isRetryable(error);
      if (retry && attempt === maxAttempts && error instanceof RetryTransaction) {
        // The internal signal never escapes: the caller gets a typed error (the cause keeps it).
        throw Object.assign(new TransactionRetryError(attempt, error.message), { cause: error });
      }
      if (!retry || attempt === maxAttempts) throw withCallerStack(error, caller);
      await pause(attempt);
    }
  }
}

/**
 * A driver's error carries the stack of its socket reader, which names no line of the
 * application: append the stack of the adapter call, so the error says where it came from.
 */
function withCallerStack(error: unknown, caller: Error): unknown {
  if (error instanceof TimeblocksError || !(error instanceof Error) || caller.stack === undefined) return error;
  const frames = caller.stack.slice(caller.stack.indexOf('\n') + 1);
  if (error.stack !== undefined && !error.stack.includes(frames)) error.stack += `\n    --- timeblocks/postgres call ---\n${frames}`;
  return error;
}

async function runOnce<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  if (isTransactionRunner(db)) return db.transaction(fn);
  if (isPool(db)) return onPooledClient(db, fn);
  if (isPgliteTransaction(db)) throw insideTransaction();
  return oneAtATime(db, async () => {
    await refuseOpenTransaction(db);
    return beginCommit(db, fn, () => undefined);
  });
}

/** PGlite's `Transaction` (what `db.transaction(fn)` hands `fn`): it queries and rolls back, but cannot start one. */
function isPgliteTransaction(db: Database): boolean {
  const candidate = db as { rollback?: unknown; transaction?: unknown };
  return typeof candidate.rollback === 'function' && typeof candidate.transaction !== 'function';
}

function insideTransaction(): InvalidArgumentError {
  return new InvalidArgumentError('db', 'is inside a transaction; pass the pool or a connection outside a transaction');
}

/**
 * BEGIN on a connection inside the caller's transaction is only a warning, and our COMMIT
 * would commit the caller's work half-way: refuse such a connection. pg reports the
 * server's last transaction status (`I` idle, `T` in a transaction, `E` in a failed one);
 * for a connection that does not, a SAVEPOINT probes it (it fails outside a transaction).
 */
async function refuseOpenTransaction(connection: Queryable): Promise<void> {
  const status = (connection as { getTransactionStatus?: () => unknown }).getTransactionStatus?.();
  if (status === 'I') return;
  if (status === 'T' || status === 'E') throw insideTransaction();
  try {
    await connection.query('savepoint timeblocks_probe');
  } catch (error) {
    if (sqlStateOf(error) === sqlStates.noActiveTransaction) return;
    if (sqlStateOf(error) === sqlStates.inFailedTransaction) throw insideTransaction();
    throw error;
  }
  await connection.query('release savepoint timeblocks_probe');
  throw insideTransaction();
}

/**
 * One transaction on a client checked out of a pool. pg-pool removes its own 'error'
 * listener while a client is checked out, so a backend that dies mid-transaction would
 * emit 'error' with no listener and crash the process: listen for the checkout, and
 * destroy (not return) a client that failed, since its connection is gone.
 */
async function onPooledClient<T>(pool: PoolLike, fn: (tx: Queryable) => Promise<T>): Promise<T> {
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
}

async function beginCommit<T>(connection: Queryable, fn: (tx: Queryable) => Promise<T>, onBroken: (error: Error) => void): Promise<T> {
  try {
    await connection.query('begin');
  } catch (error) {
    // Not even BEGIN went through: the connection cannot be trusted with another transaction.
    onBroken(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  try {
    const result = await fn(connection);
    await connection.query('commit');
    return result;
  } catch (error) {
    try {
      await connection.query('rollback');
    } catch (rollbackError) {
      // The server is gone or the connection died: the server aborts the transaction itself.
      onBroken(rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)));
    }
    throw error;
  }
}

// A single connection runs queries in order, so two adapter calls must not interleave
// their BEGIN/COMMIT on it: calls on the same connection wait for each other.
const queues = new WeakMap<object, Promise<unknown>>();

async function oneAtATime<T>(connection: object, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(connection) ?? Promise.resolve();
  const current = previous.then(task, task);
  const settled = current.catch(() => undefined);
  queues.set(connection, settled);
  try {
    return await current;
  } finally {
    if (queues.get(connection) === settled) queues.delete(connection);
  }
}

function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.floor(Math.random() * 10)));
}
