import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/index.js';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import { migrate, saveSeries } from '../../src/postgres/index.js';
import type { Database, PGliteLike, Queryable } from '../../src/postgres/queryable.js';
import { openDriverHandles, type DriverHandle } from './driver-handles.js';
import { dailySeries } from './fixtures.js';
import { openTestDatabase, type TestDatabase } from './harness.js';

// An adapter call on a connection that is already inside the caller's transaction would
// run BEGIN (a warning only) and COMMIT the caller's work half-way. It must refuse instead.

describe('a connection already inside a transaction is refused, and the caller\'s transaction is untouched', () => {
  let t: TestDatabase;
  let audit: string;
  let connections: Array<{ name: string; connection: Queryable; close: () => Promise<void> }>;

  beforeAll(async () => {
    t = await openTestDatabase();
    await migrate(t.db, t.options);
    audit = `${quoteIdentifier(t.options.schema)}.audit`;
    await t.sql(`create table ${audit} (note text)`);
    // One connection without the driver's own transaction status (pg before 8.8): the adapter must find out by itself.
    const bare = (db: Queryable) => ({ query: (text: string, params?: unknown[]) => db.query(text, params), release: () => undefined });
    if (t.kind === 'postgres') {
      const client = new pg.Client({ connectionString: t.url });
      await client.connect();
      const pool = new pg.Pool({ connectionString: t.url, max: 1 });
      const checkedOut = await pool.connect();
      connections = [
        { name: 'pg.Client', connection: client, close: () => client.end() },
        { name: 'pg PoolClient', connection: checkedOut, close: async () => (checkedOut.release(), pool.end()) },
        { name: 'a connection without getTransactionStatus', connection: bare(client as Queryable), close: async () => undefined },
      ];
    } else {
      connections = [{ name: 'PGlite seen as one connection', connection: bare(t.db as PGliteLike), close: async () => undefined }];
    }
  });
  afterAll(async () => {
    for (const { close } of connections ?? []) await close();
    await t?.close();
  });

  const series = () => dailySeries('inside', '2025-03-01', '09:00', '10:00', 3);
  const expectRefused = (error: unknown, name: string): void => {
    expect(error, name).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field, name).toBe('db');
    expect((error as Error).message, name).toMatch(/inside a transaction/);
  };
  const stored = async () => ({
    audit: await t.sql(`select note from ${audit}`),
    series: await t.sql(`select id from ${t.table('series')} where id = 'inside'`),
  });

  // PGlite's own Transaction object exists only on PGlite (`npm test`).
  const onServer = Boolean(process.env.DATABASE_URL);
  if (!onServer) it('PGlite: a Transaction object passed as db', async () => {
    const lite = t.db as PGliteLike;
    let refused: unknown;
    const outcome = await lite
      .transaction(async (tx) => {
        await tx.query(`insert into ${audit} values ('app write')`);
        refused = await saveSeries(tx as never as Database, series(), { ...t.options, resource: 'room' }).catch((error: unknown) => error);
        throw new Error('the app aborts its transaction');
      })
      .catch((error: Error) => error.message);
    expect(outcome).toBe('the app aborts its transaction');
    expectRefused(refused, 'PGlite Transaction');
    expect(await stored()).toEqual({ audit: [], series: [] });
  });

  it("a driver's own transaction object: Kysely's Transaction, postgres.js's transaction sql", async () => {
    const handles: DriverHandle[] = await openDriverHandles(t);
    try {
      for (const { name, db } of handles) {
        if (name.startsWith('Kysely')) {
          const kysely = db as unknown as { transaction(): { execute(fn: (trx: unknown) => Promise<unknown>): Promise<unknown> } };
          const outcome = await kysely
            .transaction()
            .execute(async (trx) => {
              await (trx as { executeQuery(q: unknown): Promise<unknown> }).executeQuery({ sql: `insert into ${audit} values ('app write')`, parameters: [], query: { kind: 'RawNode', sqlFragments: [`insert into ${audit} values ('app write')`], parameters: [] }, queryId: { queryId: 'q' } });
              expectRefused(await saveSeries(trx as Database, series(), { ...t.options, resource: 'room' }).catch((error: unknown) => error), name);
              throw new Error('abort');
            })
            .catch((error: Error) => error.message);
          expect(outcome, name).toBe('abort');
        }
        if (name === 'postgres.js') {
          const sql = db as unknown as { begin(fn: (tx: unknown) => Promise<unknown>): Promise<unknown> };
          const outcome = await sql
            .begin(async (tx) => {
              expectRefused(await saveSeries(tx as Database, series(), { ...t.options, resource: 'room' }).catch((error: unknown) => error), name);
              throw new Error('abort');
            })
            .catch((error: Error) => error.message);
          expect(outcome, name).toBe('abort');
        }
      }
      expect(await stored()).toEqual({ audit: [], series: [] });
    } finally {
      for (const handle of handles) await handle.close();
    }
  });

  it('one connection after BEGIN, and after a failed statement in it', async () => {
    for (const { name, connection } of connections) {
      await connection.query('begin');
      await connection.query(`insert into ${audit} values ('app write')`);
      expectRefused(await saveSeries(connection as never, series(), { ...t.options, resource: 'room' }).catch((error: unknown) => error), name);
      // The caller's transaction is still open and still its own: rolling it back undoes its write.
      await connection.query('rollback');
      expect(await stored(), name).toEqual({ audit: [], series: [] });

      await connection.query('begin');
      await connection.query('select 1/0').catch(() => undefined);
      expectRefused(await saveSeries(connection as never, series(), { ...t.options, resource: 'room' }).catch((error: unknown) => error), `${name}, aborted`);
      await connection.query('rollback');

      // Outside a transaction the same connection works.
      expect((await saveSeries(connection as never, series(), { ...t.options, resource: 'room' })).blocks, name).toBe(3);
      await t.sql(`delete from ${t.table('series')}`);
    }
  });
});
