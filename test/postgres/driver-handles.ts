/**
 * Every kind of `db` the adapter accepts, opened on the test database: on a real server
 * (`DATABASE_URL`) a `pg.Pool`, a `pg.Client`, a `PoolClient`, a postgres.js instance and
 * Kysely instances (pg dialect, with and without a plugin that renames columns); on PGlite
 * the PGlite instance and Kysely on it (through Kysely's own PostgresDialect, whose pool
 * here hands out PGlite's one connection).
 */
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import postgres from 'postgres';
import type { Database, PGliteLike } from '../../src/postgres/queryable.js';
import type { TestDatabase } from './harness.js';

export interface DriverHandle {
  readonly name: string;
  readonly db: Database;
  /** Every statement the handle sent, where the driver lets a test see them (postgres.js, Kysely on PGlite). */
  readonly statements?: string[];
  close(): Promise<void>;
}

/** Kysely's PostgresDialect on PGlite: a "pool" whose every client is PGlite's one connection. */
function kyselyOnPglite(lite: PGliteLike, statements: string[]): Kysely<unknown> {
  const client = {
    query: async (text: string, params: unknown[]) => {
      statements.push(text);
      const result = (await lite.query(text, params)) as { rows: unknown[]; affectedRows?: number };
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length, command: text.trim().split(/\s+/)[0]!.toUpperCase() };
    },
    release: () => undefined,
  };
  return new Kysely({ dialect: new PostgresDialect({ pool: { connect: async () => client, end: async () => undefined } as never }) });
}

export async function openDriverHandles(t: TestDatabase): Promise<DriverHandle[]> {
  if (t.kind === 'postgres') {
    const url = t.url!;
    const pool = new pg.Pool({ connectionString: url, max: 3 });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const checkedOut = await pool.connect();
    const statements: string[] = [];
    const sql = postgres(url, { max: 3, onnotice: () => undefined, debug: (_connection, query) => void statements.push(query) });
    const kysely = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 3 }) }) });
    const camel = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 3 }) }), plugins: [new CamelCasePlugin()] });
    return [
      { name: 'pg.Pool', db: pool, close: async () => undefined },
      { name: 'pg.Client', db: client, close: () => client.end() },
      { name: 'pg PoolClient', db: checkedOut, close: async () => (checkedOut.release(), await pool.end()) },
      { name: 'postgres.js', db: sql, statements, close: () => sql.end() },
      { name: 'Kysely (pg dialect)', db: kysely, close: () => kysely.destroy() },
      { name: 'Kysely with CamelCasePlugin', db: camel, close: () => camel.destroy() },
    ];
  }
  const lite = t.db as PGliteLike;
  const statements: string[] = [];
  const kysely = kyselyOnPglite(lite, statements);
  return [
    { name: 'PGlite', db: lite, close: async () => undefined },
    { name: 'Kysely (on PGlite)', db: kysely, statements, close: () => kysely.destroy() },
  ];
}
