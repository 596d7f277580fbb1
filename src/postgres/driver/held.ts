import { InvalidArgumentError } from '../../errors.js';
import type { Driver, DriverTransaction, QueryResultLike } from './driver.js';
import { oneAtATime } from './savepoint.js';

/**
 * A transaction the caller holds open: what `withTransaction(db, async (tx) => …)` hands
 * its callback, and what adapter calls then take as `db`.
 *
 * How it is represented: a frozen object whose only member is `query` (the application's
 * own statements, run in that transaction), registered in a module-private WeakMap to the
 * driver's `DriverTransaction`. `toDriver` finds it there — so a handle cannot be forged
 * or mistaken for a driver's object — and gives the adapter a `Driver` whose `held` is
 * that transaction: each adapter call then runs in a savepoint of it (a failed call is
 * undone alone, the caller's transaction goes on), never BEGIN/COMMIT, and is never
 * retried by the adapter (a deadlock aborts the caller's work too: only the caller can
 * rerun it). Calls and queries on one handle run one at a time, in the order made, so
 * savepoints never interleave. After `end()` the handle is refused.
 */
export interface TransactionHandle {
  /** Runs one of the application's statements in the held transaction. */
  query(text: string, params?: readonly unknown[]): Promise<QueryResultLike>;
}

interface HeldState {
  readonly tx: DriverTransaction;
  readonly kind: string;
  ended: boolean;
}

const held = new WeakMap<object, HeldState>();

/** Wraps an open driver transaction as a handle for the caller; `end()` when the transaction is over. */
export function holdTransaction(tx: DriverTransaction, kind: string): { readonly handle: TransactionHandle; end(): void } {
  const state: HeldState = { tx, kind, ended: false };
  const handle: TransactionHandle = Object.freeze({
    query: (text: string, params?: readonly unknown[]) => oneAtATime(handle, () => (assertOpen(state), tx.query(text, params))),
  });
  held.set(handle, state);
  return {
    handle,
    end: () => {
      state.ended = true;
    },
  };
}

/** The driver for a held transaction handle; `undefined` for anything else. */
export function heldDriver(db: object): Driver | undefined {
  const state = held.get(db);
  if (state === undefined) return undefined;
  const inOrder: DriverTransaction = {
    query: (text, params) => oneAtATime(db, () => (assertOpen(state), state.tx.query(text, params))),
    savepoint: (fn) => oneAtATime(db, () => (assertOpen(state), state.tx.savepoint(fn))),
  };
  return {
    kind: `${state.kind} (held transaction)`,
    held: inOrder,
    transaction: (fn) => inOrder.savepoint(fn),
  };
}

function assertOpen(state: HeldState): void {
  if (state.ended) throw new InvalidArgumentError('db', 'is a transaction handle whose transaction has ended; use it only inside its callback');
}
