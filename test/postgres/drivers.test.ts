import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockConflictError, migrate, regenerate, saveSeries } from '../../src/postgres/index.js';
import { type Database, isPool, isTransactionRunner, type PoolLike, type Queryable } from '../../src/postgres/queryable.js';
import { dailySeries } from './fixtures.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

/**
 * Every transaction path of the adapter: a pool (one checked-out client per transaction),
 * a single connection (BEGIN/COMMIT on it) and, on PGlite, its own `transaction()`.
 * On a real server these are a `pg.Pool`, a `pg.Client` and a `PoolClient`. On PGlite the
 * pool and the single connection are PGlite itself seen through those two shapes: the
 * same code paths, on a real database.
 */
interface Handle {
  readonly name: string;
  readonly db: Database;
  close(): Promise<void>;
}

async function handles(t: TestDatabase): Promise<Handle[]> {
  if (t.kind === 'postgres') {
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    const pool = new pg.Pool({ connectionString: t.url, max: 3 });
    const checkedOut = await pool.connect();
    return [
      { name: 'pg.Pool', db: pool, close: async () => undefined },
      { name: 'pg.Client', db: client, close: () => client.end() },
      { name: 'pg PoolClient', db: checkedOut, close: async () => (checkedOut.release(), pool.end()) },
    ];
  }
  const lite = t.db as Queryable;
  const connection: Queryable = { query: (text, params) => lite.query(text, params) };
  let released = 0;
  const pool: PoolLike = {
    totalCount: 1,
    query: (text, params) => lite.query(text, params),
    connect: async () => ({ query: connection.query, release: () => void (released += 1) }),
  };
  return [
    { name: 'PGlite', db: t.db, close: async () => undefined },
    { name: 'a single connection', db: connection, close: async () => undefined },
    { name: 'a pool', db: pool, close: async () => void expect(released).toBeGreaterThan(0) },
  ];
}

describe('drivers: every handle shape runs real transactions', () => {
  let t: TestDatabase;
  let all: Handle[];
  beforeAll(async () => {
    t = await openTestDatabase();
    await migrate(t.db, t.options);
    all = await handles(t);
  });
  afterAll(async () => {
    for (const handle of all ?? []) await handle.close();
    await t.close();
  });

  it('tells the shapes apart: a transaction runner, a pool, or one connection', () => {
    const shapes = all.map((handle) => (isTransactionRunner(handle.db) ? 'runner' : isPool(handle.db) ? 'pool' : 'connection'));
    expect(shapes).toEqual(t.kind === 'postgres' ? ['pool', 'connection', 'connection'] : ['runner', 'connection', 'pool']);
  });

  for (const index of [0, 1, 2]) {
    it(`handle ${index}: migrate, save, regenerate; a clash rolls back everything`, async () => {
      const { db, name } = all[index]!;
      const id = `s${index}`;
      const resource = `room-${index}`;
      await migrate(db, t.options);
      expect((await saveSeries(db, dailySeries(id, '2025-03-01', '09:00', '10:00', 5), { ...t.options, resource })).added, name).toBe(5);
      const summary = await regenerate(db, dailySeries(id, '2025-03-01', '09:00', '09:30', 5), { ...t.options, from: '2025-03-03T00:00:00Z' });
      expect(summary.added, name).toHaveLength(3);
      // A clash after the series row was inserted: the transaction must undo that insert.
      const error = await saveSeries(db, dailySeries(`${id}-clash`, '2025-02-20', '09:00', '10:00', 15), { ...t.options, resource }).catch((caught: unknown) => caught);
      expect(error, name).toBeInstanceOf(BlockConflictError);
      expect(await t.sql(`select id from ${t.table('series')} where id = $1`, [`${id}-clash`]), name).toEqual([]);
    });
  }

  it('concurrent calls on one connection wait for each other instead of interleaving', async () => {
    const { db } = all[1]!;
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        // Pairs clash: 0 and 1 want the same hour, 2 and 3, 4 and 5.
        saveSeries(db, dailySeries(`c${i}`, '2025-04-01', `${String(9 + Math.floor(i / 2)).padStart(2, '0')}:00`, `${String(10 + Math.floor(i / 2)).padStart(2, '0')}:00`, 3), {
          ...t.options,
          resource: 'shared',
        }),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled', 'rejected']);
    for (const result of results) if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(BlockConflictError);
    expect(await t.sql(`select id from ${t.table('series')} where id like 'c%' order by id`)).toEqual([{ id: 'c0' }, { id: 'c2' }, { id: 'c4' }]);
  });
});
