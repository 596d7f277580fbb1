import { TimeblocksError } from '../errors.js';
import type { DriverTransaction } from './driver/driver.js';
import { toDriver } from './driver/to-driver.js';
import { TransactionRetryError } from './errors.js';
import type { Database } from './queryable.js';
import { isRetryable } from './sql-errors.js';

/** Thrown inside a transaction to ask for a fresh attempt (e.g. a conflicting row vanished before it could be reported). */
export class RetryTransaction extends Error {
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
      throw withCallerStack(error, caller);
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await driver.transaction(fn);
    } catch (error) {
      const retry = error instanceof RetryTransaction || isRetryable(error);
      if (!retry) throw withCallerStack(error, caller);
      if (attempt === maxAttempts) {
        // The internal signal and the driver's deadlock never escape raw: the cause keeps them.
        throw new TransactionRetryError(attempt, error instanceof Error ? error.message : String(error), { cause: error });
      }
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

function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.floor(Math.random() * 10)));
}
