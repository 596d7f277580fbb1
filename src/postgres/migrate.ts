import type { Database } from './queryable.js';
import { type SchemaOptions, sqlNames } from './schema-options.js';
import { catalogParams } from './schema-object.js';
import { schemaObjects } from './schema-sql.js';
import { rowsOf } from './queryable.js';
import { inTransaction } from './transaction.js';

/** Options of `migrate`: where the tables go. */
export type MigrateOptions = SchemaOptions;

// One key for every timeblocks migration in a database: concurrent `CREATE … IF NOT EXISTS`
// of the same object can still fail on the catalog's unique index, so migrations queue up.
const migrationLockKey = '7342010652930911517';

/**
 * Creates the adapter's schema, extension, tables and indexes unless they exist.
 *
 * Safe to run on every start and from several processes at once: it runs in one
 * transaction that first takes a transaction-level advisory lock, so concurrent runs
 * wait for each other and then find everything in place. It looks every object up in
 * the catalog and runs only the DDL for what is missing, so an application role that
 * may only use the tables (USAGE on the schema, DML on the tables) can run it once a
 * DBA has migrated: PostgreSQL checks a statement's privileges before `if not exists`.
 *
 * @param db - a pg `Pool` or connected `Client`, a PGlite instance, a postgres.js instance or a Kysely instance (see `Database`)
 * @param options - `schema` (default `public`) and `prefix` (default `timeblocks_`)
 * @throws {InvalidArgumentError} naming `schema` or `prefix` when one is not a usable name
 * @throws {InvalidArgumentError} naming `db` when it is none of the accepted kinds, or a connection already inside a transaction of the caller's (pass the pool, or a connection outside one)
 * @throws {TransactionRetryError} when deadlocks or vanished rows made every retry of the transaction fail
 *
 * @example
 * await migrate(pool, { schema: 'booking' });
 * (await pool.query("select to_regclass('booking.timeblocks_blocks') as t")).rows[0].t;
 * //=> 'booking.timeblocks_blocks'
 */
export async function migrate(db: Database, options: MigrateOptions = {}): Promise<void> {
  const { bind, params } = catalogParams();
  const objects = schemaObjects(sqlNames(options), bind);
  // One statement, every name a bind parameter: nothing in it comes from a value.
  const lookup = `select array[${objects.map((object) => object.exists).join(', ')}] as present`;
  await inTransaction(db, async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1::text::bigint)', [migrationLockKey]);
    const present = rowsOf<{ present: boolean[] }>(await tx.query(lookup, params))[0]!.present;
    for (const [i, object] of objects.entries()) if (present[i] !== true) await tx.query(object.ddl);
  });
}
