import { InvalidArgumentError } from '../errors.js';
import { showValue } from '../show-value.js';
import { holdTransaction, type TransactionHandle } from './driver/held.js';
import { toDriver } from './driver/to-driver.js';
import { TransactionRetryError } from './errors.js';
import type { Database } from './queryable.js';
import { isRetryable } from './sql-errors.js';
import { maxAttempts, RetryTransaction } from './transaction.js';

/**
 * Runs `fn` in ONE transaction with the adapter: the adapter calls made with `tx` and the
 * application's own `tx.query(...)` commit together when `fn` resolves, and roll back
 * together when it throws (its error is rethrown unchanged).
 *
 * Each adapter call runs in a savepoint of the transaction, so a refusal —
 * `BookingConflictError`, `OutsideAvailabilityError`, … — undoes that call alone and the
 * transaction goes on: catch it and book another slot. A deadlock or serialization failure
 * (SQLSTATE `40P01`, `40001`, from an adapter call or the application's own query) that
 * leaves `fn` reruns the whole callback in a fresh transaction, up to 5 attempts in all,
 * then `TransactionRetryError` with the last failure as `cause`: so `fn` must be safe to
 * run again (no side effects outside the database before it resolves). `tx` is valid only
 * until `fn` settles.
 *
 * @param db - a pg `Pool` or `Client`, PGlite, a postgres.js instance or a Kysely instance
 * @param fn - the work, given the transaction handle `tx`
 * @returns what `fn` returned, once committed
 * @throws {TransactionRetryError} when deadlocks or serialization failures made every attempt fail
 * @throws {InvalidArgumentError} naming `fn` when it is not a function, or `db` for a handle the adapter does not accept (a `tx` too: call adapter functions with it directly)
 *
 * @example
 * const booking = await withTransaction(pool, async (tx) => {
 *   const made = await book(tx, { resource: 'dr-ana', start, end, ref: 'patient-42' });
 *   await tx.query('insert into appointments (booking_id, patient) values ($1::text, $2::text)', [made.id, 'patient-42']);
 *   return made;
 * });
 * booking.status;
 * //=> 'live'
 */
export async function withTransaction<T>(db: Database, fn: (tx: TransactionHandle) => Promise<T>): Promise<T> {
  if (typeof fn !== 'function') throw new InvalidArgumentError('fn', `expected an async function (tx) => …, got ${showValue(fn)}`);
  const driver = toDriver(db);
  if (driver.held !== undefined) {
    throw new InvalidArgumentError('db', 'is already a withTransaction handle; call adapter functions with it directly (each runs in a savepoint)');
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await driver.transaction(async (open) => {
        const { handle, end } = holdTransaction(open, driver.kind);
        try {
          return await fn(handle);
        } finally {
          end();
        }
      });
    } catch (error) {
      if (!(error instanceof RetryTransaction || isRetryable(error))) throw error;
      if (attempt === maxAttempts) throw new TransactionRetryError(attempt, error instanceof Error ? error.message : String(error), { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.floor(Math.random() * 10)));
    }
  }
}
