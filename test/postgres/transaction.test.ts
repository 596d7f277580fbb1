import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimeblocksError } from '../../src/index.js';
import { DatabaseError, migrate, TransactionRetryError } from '../../src/postgres/index.js';
import type { PgPoolLike, Queryable } from '../../src/postgres/queryable.js';
import { inTransaction, RetryTransaction } from '../../src/postgres/transaction.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

/** A driver error as pg makes it: its stack is the socket reader's, naming no application code. */
const deadlock = (): Error =>
  Object.assign(new Error('deadlock detected'), { code: '40P01', stack: 'error: deadlock detected\n    at Parser.parseErrorMessage (pg-protocol/dist/parser.js:287:98)' });

describe('inTransaction', () => {
  let t: TestDatabase;
  let table: string;
  beforeAll(async () => {
    t = await openTestDatabase();
    await migrate(t.db, t.options);
    table = t.table('series');
  });
  afterAll(async () => {
    await t.close();
  });

  const insert = (tx: Queryable, id: string) =>
    tx.query(`insert into ${table} (id, resource, spec, open_ended) values ($1, 'r', '{}', false)`, [id]);
  const ids = async (prefix: string) => (await t.sql<{ id: string }>(`select id from ${table} where id like $1 order by id`, [`${prefix}%`])).map((row) => row.id);

  it('commits on success and rolls back everything on an error', async () => {
    await inTransaction(t.db, (tx) => insert(tx, 'commit-1'));
    await expect(
      inTransaction(t.db, async (tx) => {
        await insert(tx, 'rollback-1');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await ids('commit-')).toEqual(['commit-1']);
    expect(await ids('rollback-')).toEqual([]);
  });

  it('runs the whole transaction again after a deadlock or RetryTransaction, undoing the failed attempts', async () => {
    let attempts = 0;
    const result = await inTransaction(t.db, async (tx) => {
      attempts += 1;
      await insert(tx, `retry-${attempts}`);
      if (attempts === 1) throw deadlock();
      if (attempts === 2) throw new RetryTransaction('row vanished');
      return 'done';
    });
    expect([result, attempts]).toEqual(['done', 3]);
    expect(await ids('retry-')).toEqual(['retry-3']);
  });

  it('gives up after five deadlocks with a TransactionRetryError whose cause is the last driver error', async () => {
    let attempts = 0;
    const last: Error[] = [];
    const error = (await inTransaction(t.db, async () => {
      attempts += 1;
      last.push(deadlock());
      throw last.at(-1);
    }).catch((caught: unknown) => caught)) as TransactionRetryError;
    expect(attempts).toBe(5);
    expect(error).toBeInstanceOf(TransactionRetryError);
    expect(error.attempts).toBe(5);
    expect(error.cause).toBe(last[4]);
    expect(error.message).toBe('Gave up after 5 attempts because of concurrent changes: deadlock detected');
    expect(error.stack).toContain('transaction.test.ts');
  });

  it('types a driver error that is not retried as a DatabaseError, with the caller in its stack', async () => {
    const driverError = Object.assign(new Error('boom'), { code: '22012', stack: 'error: boom\n    at Parser.parseErrorMessage (pg-protocol/dist/parser.js:287:98)' });
    const error = (await inTransaction(t.db, async () => {
      throw driverError;
    }).catch((caught: unknown) => caught)) as DatabaseError;
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).toMatchObject({ sqlState: '22012', retryable: false, cause: driverError });
    expect(error.stack).toContain('transaction.test.ts');
    // Lost connections and timeouts say a retry can help.
    const lost = (await inTransaction(t.db, async () => {
      throw new Error('Connection terminated unexpectedly');
    }).catch((caught: unknown) => caught)) as DatabaseError;
    expect(lost).toMatchObject({ sqlState: undefined, retryable: true });
    for (const code of ['57014', '55P03', '57P01', '08006']) {
      const timeout = (await inTransaction(t.db, async () => {
        throw Object.assign(new Error('timeout'), { code });
      }).catch((caught: unknown) => caught)) as DatabaseError;
      expect(timeout, code).toMatchObject({ sqlState: code, retryable: true });
    }
  });

  it('destroys a pooled connection whose ROLLBACK failed, and returns a healthy one', async () => {
    // One real connection underneath: PGlite, or a client checked out of the server's pool.
    const underlying = t.kind === 'pglite' ? undefined : await (t.db as PgPoolLike).connect();
    const lite: Queryable = underlying ?? (t.db as Queryable);
    const releases: unknown[] = [];
    let brokenRollback = true;
    const pool: PgPoolLike = {
      totalCount: 1,
      query: (text, params) => lite.query(text, params),
      connect: async () => ({
        query: async (text, params) => {
          if (text === 'rollback' && brokenRollback) {
            await lite.query('rollback'); // the server ends the transaction; the client sees its connection die
            throw new Error('Connection terminated unexpectedly');
          }
          return lite.query(text, params);
        },
        release: (destroy) => void releases.push(destroy),
      }),
    };
    try {
      await expect(inTransaction(pool, async () => Promise.reject(new Error('first')))).rejects.toThrow('first');
      brokenRollback = false;
      await expect(inTransaction(pool, async () => Promise.reject(new Error('second')))).rejects.toThrow('second');
      await inTransaction(pool, (tx) => insert(tx, 'pooled-1'));
    } finally {
      underlying?.release();
    }
    expect(releases).toEqual([true, false, false]);
    expect(await ids('pooled-')).toEqual(['pooled-1']);
  });

  it('destroys a pooled connection whose BEGIN failed', async () => {
    const releases: unknown[] = [];
    const pool: PgPoolLike = {
      totalCount: 1,
      query: (text, params) => t.sql(text, params).then((rows) => ({ rows })),
      connect: async () => ({
        query: async (text) => {
          if (text === 'begin') throw new Error('Connection terminated unexpectedly');
          throw new Error(`no statement may follow a failed begin, got ${text}`);
        },
        release: (destroy) => void releases.push(destroy),
      }),
    };
    await expect(inTransaction(pool, (tx) => insert(tx, 'never'))).rejects.toThrow('Connection terminated unexpectedly');
    expect(releases).toEqual([true]);
  });

  it('a RetryTransaction on the last attempt surfaces as a TransactionRetryError, never itself', async () => {
    let attempts = 0;
    const error = await inTransaction(t.db, async () => {
      attempts += 1;
      throw new RetryTransaction('the row kept vanishing');
    }).catch((caught: unknown) => caught);
    expect(attempts).toBe(5);
    expect(error).toBeInstanceOf(TransactionRetryError);
    expect(error).toBeInstanceOf(TimeblocksError);
    expect(error).not.toBeInstanceOf(RetryTransaction);
    expect((error as Error).message).toBe('Gave up after 5 attempts because of concurrent changes: the row kept vanishing');
  });
});

