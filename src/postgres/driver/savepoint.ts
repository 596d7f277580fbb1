import type { DriverTransaction, Queryable } from './driver.js';

/**
 * A `DriverTransaction` over a connection that is inside BEGIN, for drivers without a
 * savepoint API of their own (pg, PGlite, Kysely): savepoints are plain SQL, named by
 * depth, so nested ones never collide.
 */
export function sqlTransaction(connection: Queryable, depth = 0): DriverTransaction {
  return {
    query: (text, params) => connection.query(text, params),
    savepoint: async (fn) => {
      const name = `timeblocks_sp_${depth + 1}`;
      await connection.query(`savepoint ${name}`);
      try {
        const result = await fn(sqlTransaction(connection, depth + 1));
        await connection.query(`release savepoint ${name}`);
        return result;
      } catch (error) {
        await connection.query(`rollback to savepoint ${name}`);
        throw error;
      }
    },
  };
}

/**
 * BEGIN, `fn`, COMMIT on one connection; ROLLBACK and rethrow when `fn` fails. `onBroken`
 * hears when even BEGIN or ROLLBACK failed: the connection cannot be trusted again.
 */
export async function beginCommit<T>(connection: Queryable, fn: (tx: DriverTransaction) => Promise<T>, onBroken: (error: Error) => void = () => undefined): Promise<T> {
  try {
    await connection.query('begin');
  } catch (error) {
    onBroken(asError(error));
    throw error;
  }
  try {
    const result = await fn(sqlTransaction(connection));
    await connection.query('commit');
    return result;
  } catch (error) {
    try {
      await connection.query('rollback');
    } catch (rollbackError) {
      // The server is gone or the connection died: the server aborts the transaction itself.
      onBroken(asError(rollbackError));
    }
    throw error;
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

// One connection runs one statement at a time, and a transaction's statements must not
// interleave with another's: tasks on the same connection (or transaction) wait in line.
const queues = new WeakMap<object, Promise<unknown>>();

/** Runs `task` after every earlier task queued on `key` has settled. */
export async function oneAtATime<T>(key: object, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const current = previous.then(task, task);
  const settled = current.catch(() => undefined);
  queues.set(key, settled);
  try {
    return await current;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}
