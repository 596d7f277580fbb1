import { TimeblocksError } from '../errors.js';
import type { DriverTransaction } from './driver/driver.js';
import { toDriver } from './driver/to-driver.js';
import { TransactionRetryError } from './errors.js';
import type { Database } from './queryable.js';
import { isRetryable, toDatabaseError } from './sql-errors.js';

/** An internal signal thrown through `inTransaction` to its caller, never typed as a `DatabaseError`; it never reaches the application. */
export class AdapterSignal extends Error {}

/** Thrown inside a transaction to ask for a fresh attempt (e.g. a conflicting row vanished before it could be reported). */
export class RetryTransaction extends AdapterSignal {
  override name = 'RetryTransaction';
}

/** How many times a transaction runs before the adapter gives up. */
export const maxAttempts = 5;

/**
 * Runs `fn` in one real transaction on `db` and commits, or rolls back and rethrows.
 *
 * The driver (see `driver/`) opens the transaction; on a transaction the caller holds
 * (`withTransaction`) `fn` runs in a savepoint of it instead, once, and every error —
 * a deadlock, a `RetryTransaction` — propagates unchanged: only the holder of the
 * transaction can run it again (withTransaction reruns its callback). Otherwise deadlocks,
 * serialization failures and `RetryTransaction` start the whole transaction again, a few
 * times; after the last attempt the caller gets `TransactionRetryError`, with the last
 * error as its `cause`.
 *
 * @throws {InvalidArgumentError} naming `db` for a handle the adapter does not accept (before any SQL)
 */
export async function inTransaction<T>(db: Database, fn: (tx: DriverTransaction) => Promise<T>): Promise<T> {
  const driver = toDriver(db);
  const caller = new Error('called from');
  if (driver.held !== undefined) {
    try {
      return await driver.held.savepoint(fn);
    } catch (error) {
      // Retryable failures stay raw here, for the holder's rerun (withTransaction) to see.
      if (error instanceof RetryTransaction || isRetryable(error)) throw error;
      throw typed(error, caller);
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await driver.transaction(fn);
    } catch (error) {
      const retry = error instanceof RetryTransaction || isRetryable(error);
      if (!retry) throw typed(error, caller);
      if (attempt === maxAttempts) {
        // The internal signal and the driver's deadlock never escape raw: the cause keeps them.
        throw new TransactionRetryError(attempt, error instanceof Error ? error.message : String(error), { cause: error });
      }
      await pause(attempt);
    }
  }
}

/**
 * The adapter's own errors pass unchanged; any other — the driver's, the server's —
 * becomes one `DatabaseError` (SQLSTATE, retryable, the original as `cause`). A driver's
 * error carries the stack of its socket reader, which names no line of the application:
 * the typed error carries the stack of the adapter call, so it says where it came from.
 */
function typed(error: unknown, caller: Error): unknown {
  if (error instanceof TimeblocksError || error instanceof AdapterSignal) return error;
  const wrapped = toDatabaseError(error);
  if (caller.stack !== undefined) wrapped.stack = `${wrapped.name}: ${wrapped.message}\n${caller.stack.slice(caller.stack.indexOf('\n') + 1)}`;
  return wrapped;
}

function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.floor(Math.random() * 10)));
}
