import type { Driver, DriverTransaction } from './driver.js';

/** A postgres.js transaction (`sql` inside `sql.begin` or `sql.savepoint`), as far as the adapter uses it. */
export interface PostgresJsTransactionLike {
  /** Runs one statement with `$1, $2, …` bound to `parameters`; resolves to the rows. */
  unsafe(query: string, parameters?: any[]): PromiseLike<readonly unknown[]>;
  /** Runs `cb` in a savepoint of the transaction. */
  savepoint(cb: (sql: PostgresJsTransactionLike) => Promise<unknown>): Promise<unknown>;
}

/** A postgres.js instance (`postgres(url)`), as far as the adapter uses it. */
export interface PostgresJsLike {
  /** Runs one statement with `$1, $2, …` bound to `parameters`; resolves to the rows. */
  unsafe(query: string, parameters?: any[]): PromiseLike<readonly unknown[]>;
  /** Runs `cb` in a transaction on one connection. */
  begin(cb: (sql: PostgresJsTransactionLike) => Promise<unknown>): Promise<unknown>;
}

/** True for a postgres.js instance: a function with `unsafe` and `begin`. */
export function isPostgresJs(db: unknown): db is PostgresJsLike {
  const candidate = db as Partial<PostgresJsLike> | null;
  return typeof db === 'function' && typeof candidate?.unsafe === 'function' && typeof candidate.begin === 'function';
}

/** A postgres.js transaction or reserved connection passed as `db`: `unsafe` without `begin`. */
export function isPostgresJsTransaction(db: unknown): boolean {
  const candidate = db as { unsafe?: unknown; savepoint?: unknown } | null;
  return typeof db === 'function' && typeof candidate?.unsafe === 'function' && typeof candidate.savepoint === 'function';
}

/**
 * postgres.js: transactions through `sql.begin`, savepoints through `sql.savepoint`,
 * statements through `unsafe(text, params)`. The adapter casts every parameter in its
 * SQL and sends JSON as text (`$1::text::jsonb`), so postgres.js's type-directed
 * serializers see only text, arrays and booleans and cannot reshape a value.
 */
export function postgresJsDriver(sql: PostgresJsLike): Driver {
  return {
    kind: 'postgres.js',
    transaction: async (fn) => {
      // The value travels boxed: postgres.js awaits the elements of an array a callback returns.
      const box = (await sql.begin(async (tx) => ({ value: await fn(postgresJsTransaction(tx)) }))) as { value: Awaited<ReturnType<typeof fn>> };
      return box.value;
    },
  };
}

function postgresJsTransaction(tx: PostgresJsTransactionLike): DriverTransaction {
  return {
    query: async (text, params) => ({ rows: await tx.unsafe(text, params === undefined ? [] : [...params]) }),
    savepoint: async (fn) => {
      const box = (await tx.savepoint(async (inner) => ({ value: await fn(postgresJsTransaction(inner)) }))) as { value: Awaited<ReturnType<typeof fn>> };
      return box.value;
    },
  };
}
