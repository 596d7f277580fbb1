import { InvalidArgumentError } from '../../errors.js';
import type { Driver } from './driver.js';
import { heldDriver } from './held.js';
import { isKysely, kyselyDriver } from './kysely.js';
import { insideTransaction, isPgClient, isPgPool, pgClientDriver, pgPoolDriver } from './pg.js';
import { isPGlite, isPGliteTransaction, pgliteDriver } from './pglite.js';
import { isPostgresJs, isPostgresJsTransaction, postgresJsDriver } from './postgres-js.js';

/** The kinds of `db` the adapter accepts, as error messages name them. */
export const acceptedDatabases = 'a pg Pool or Client, a PGlite instance, a postgres.js instance (postgres()) or a Kysely instance on a PostgreSQL dialect';

const drivers = new WeakMap<object, Driver>();

/**
 * The driver for what the caller passed as `db` — the one place that tells the kinds
 * apart, before any SQL runs. Anything else, and a driver's own transaction object
 * (the adapter must open its transactions itself, or be handed one by withTransaction),
 * is an `InvalidArgumentError` naming `db`.
 *
 * @throws {InvalidArgumentError} naming `db`
 */
export function toDriver(db: unknown): Driver {
  if ((typeof db !== 'object' && typeof db !== 'function') || db === null) {
    throw new InvalidArgumentError('db', `expected ${acceptedDatabases}, got ${db === null ? 'null' : typeof db}`);
  }
  const known = drivers.get(db);
  if (known !== undefined) return known;
  const driver = heldDriver(db) ?? detect(db);
  drivers.set(db, driver);
  return driver;
}

function detect(db: object): Driver {
  // Order matters: a Kysely instance also has `transaction`, a pg Client also `connect`.
  if (isPostgresJs(db)) return postgresJsDriver(db);
  if (isPostgresJsTransaction(db)) throw insideTransaction();
  if (isKysely(db)) {
    if (db.isTransaction) throw insideTransaction();
    return kyselyDriver(db);
  }
  if (isPGliteTransaction(db)) throw insideTransaction();
  if (isPGlite(db)) return pgliteDriver(db);
  if (isPgPool(db)) return pgPoolDriver(db);
  if (isPgClient(db)) return pgClientDriver(db);
  throw new InvalidArgumentError('db', `expected ${acceptedDatabases}, got ${describe(db)}`);
}

/** A short name for what was passed: its class, or its kind. */
function describe(db: object): string {
  const name = (db as { constructor?: { name?: unknown } }).constructor?.name;
  const label = typeof name === 'string' && name !== '' && name !== 'Object' && name !== 'Function' ? `an instance of ${name.slice(0, 40)}` : typeof db === 'function' ? 'a function' : 'an object';
  return `${label} without the methods of one of them`;
}
