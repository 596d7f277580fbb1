/**
 * Test databases for the PostgreSQL adapter suites (`*.test.ts` here and the real-server
 * `*.pg.test.ts`).
 *
 *   const t = await openTestDatabase();
 *   await migrate(t.db, t.options);                        // the adapter gets t.db + t.options
 *   await t.sql(`select count(*) from ${t.table('blocks')}`); // assertion SQL, not the adapter
 *   await t.close();                                       // drops the schema
 *
 * - Without `DATABASE_URL`: PGlite in memory with `btree_gist`. PGlite takes seconds to
 *   start, so one instance is shared by the handles that are open at the same time in one
 *   test file (open one in `beforeAll` to keep it alive); the last `close()` closes it.
 * - With `DATABASE_URL`: a `pg.Pool` on that server, one pool per handle.
 * - Either way every handle gets its own schema (`t.options.schema`, unique per handle,
 *   dropped with everything in it on `close()`), so test files and tests never see each
 *   other's rows. Nothing is created until the test calls `migrate`.
 */
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import pg from 'pg';
import { quoteIdentifier } from '../../src/postgres/identifiers.js';
import type { Database } from '../../src/postgres/queryable.js';

export interface TestDatabaseOptions {
  /** Schema name; default a unique `tb_test_…`. Hostile names are fine (they are quoted). */
  schema?: string;
  /** Table prefix passed through in `options`; default: the adapter's default. */
  prefix?: string;
}

export interface TestDatabase {
  /** What the adapter functions take: the PGlite instance, or a `pg.Pool` on `DATABASE_URL`. */
  readonly db: Database;
  readonly kind: 'pglite' | 'postgres';
  /** `DATABASE_URL` when the handle is on a real server (for tests that open their own `pg.Client`). */
  readonly url: string | undefined;
  /** Adapter options naming this handle's own schema (and prefix): pass them to every adapter call. */
  readonly options: { readonly schema: string; readonly prefix?: string };
  /** Runs assertion SQL directly on the database, outside the adapter; returns the rows. */
  sql<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** The quoted, schema-qualified name of one of the adapter's tables, for assertion SQL. */
  table(name: 'series' | 'blocks' | 'bookings'): string;
  /** Drops the schema; closes the pool, or the shared PGlite when this was its last handle. */
  close(): Promise<void>;
}

let sharedLite: { instance: Promise<PGlite>; handles: number } | undefined;
let counter = 0;

/** Opens a test database; see the module comment. */
export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  counter += 1;
  const schema = options.schema ?? `tb_test_${process.pid}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
  const adapterOptions = options.prefix === undefined ? { schema } : { schema, prefix: options.prefix };
  const table = (name: 'series' | 'blocks' | 'bookings'): string =>
    `${quoteIdentifier(schema)}.${quoteIdentifier((options.prefix ?? 'timeblocks_') + name)}`;
  const dropSchema = `drop schema if exists ${quoteIdentifier(schema)} cascade`;
  const url = process.env.DATABASE_URL;

  if (url !== undefined && url !== '') {
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    return {
      db: pool,
      kind: 'postgres',
      url,
      options: adapterOptions,
      table,
      sql: async <Row>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as Row[],
      close: async () => {
        try {
          await pool.query(dropSchema);
        } finally {
          await pool.end();
        }
      },
    };
  }

  sharedLite ??= { instance: PGlite.create({ extensions: { btree_gist } }), handles: 0 };
  const shared = sharedLite;
  shared.handles += 1;
  const lite = await shared.instance;
  let closed = false;
  return {
    db: lite,
    kind: 'pglite',
    url: undefined,
    options: adapterOptions,
    table,
    sql: async <Row>(text: string, params?: unknown[]) => (await lite.query<Row>(text, params)).rows,
    close: async () => {
      if (closed) return;
      closed = true;
      await lite.query(dropSchema);
      shared.handles -= 1;
      if (shared.handles === 0) {
        if (sharedLite === shared) sharedLite = undefined;
        await lite.close();
      }
    },
  };
}
