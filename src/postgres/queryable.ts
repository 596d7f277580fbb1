/**
 * What every adapter function takes as `db`, described structurally (only the methods
 * the adapter calls): no driver package is ever imported. `driver/to-driver.ts` tells the
 * kinds apart at run time and refuses anything else before any SQL runs.
 */
import type { TransactionHandle } from './driver/held.js';
import type { KyselyLike } from './driver/kysely.js';
import type { PgClientLike, PgPoolLike } from './driver/pg.js';
import type { PGliteLike } from './driver/pglite.js';
import type { PostgresJsLike } from './driver/postgres-js.js';

export type { Queryable, QueryResultLike } from './driver/driver.js';
export type { TransactionHandle } from './driver/held.js';
export type { KyselyLike, CompiledQueryLike } from './driver/kysely.js';
export type { PgClientLike, PgPoolClientLike, PgPoolLike } from './driver/pg.js';
export type { PGliteLike } from './driver/pglite.js';
export type { PostgresJsLike, PostgresJsTransactionLike } from './driver/postgres-js.js';

/**
 * A database handle: a `pg.Pool`, a connected `pg.Client` (or a `PoolClient`) outside a
 * transaction, a PGlite instance, a postgres.js instance (`postgres(url)`), a `Kysely`
 * instance on a PostgreSQL dialect, or the transaction handle `withTransaction` gives.
 */
export type Database = PgPoolLike | PgClientLike | PGliteLike | PostgresJsLike | KyselyLike | TransactionHandle;

/** The rows of a result, typed by the caller who wrote the query. */
export function rowsOf<Row>(result: { readonly rows: readonly unknown[] }): Row[] {
  return result.rows as Row[];
}
