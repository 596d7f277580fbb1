import type { Driver, QueryResultLike } from './driver.js';
import { sqlTransaction } from './savepoint.js';

/** A compiled query as Kysely's `CompiledQuery.raw(sql, parameters)` builds it. */
export interface CompiledQueryLike {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /** Kysely's operation node (a `RawNode`); typed loosely so that Kysely's own node types fit. */
  readonly query: any;
  readonly queryId: { readonly queryId: string };
}

/** A `Kysely` instance (or its `Transaction`) on a PostgreSQL dialect, as far as the adapter uses it. */
export interface KyselyLike {
  readonly isTransaction: boolean;
  /** Runs a compiled query. */
  executeQuery(query: CompiledQueryLike): Promise<QueryResultLike>;
  /** The same instance without its plugins. */
  withoutPlugins(): KyselyLike;
  /** A transaction builder. */
  transaction(): {
    /** Runs `fn` in a transaction on one connection. */
    execute(fn: (trx: KyselyLike) => Promise<unknown>): Promise<unknown>;
  };
}

/** True for a Kysely instance or transaction: `executeQuery` and `withoutPlugins`. */
export function isKysely(db: object): db is KyselyLike {
  const candidate = db as Partial<KyselyLike>;
  return typeof candidate.executeQuery === 'function' && typeof candidate.withoutPlugins === 'function' && typeof candidate.transaction === 'function';
}

/**
 * `CompiledQuery.raw(text, params)`, built here so that the adapter never imports kysely:
 * a frozen raw node holding the SQL, the parameters as given.
 */
function rawQuery(text: string, params: readonly unknown[]): CompiledQueryLike {
  return Object.freeze({
    sql: text,
    query: Object.freeze({ kind: 'RawNode', sqlFragments: Object.freeze([text]), parameters: Object.freeze([]) }),
    parameters: Object.freeze([...params]),
    queryId: Object.freeze({ queryId: `timeblocks-${(counter += 1)}` }),
  });
}
let counter = 0;

/**
 * Kysely: transactions through `transaction().execute`, statements through
 * `executeQuery` with a raw compiled query, without the instance's plugins (a
 * CamelCasePlugin would rename the adapter's columns). Savepoints are SQL.
 */
export function kyselyDriver(db: KyselyLike): Driver {
  const plain = db.withoutPlugins();
  return {
    kind: 'Kysely',
    transaction: async (fn) => {
      const box = (await plain.transaction().execute(async (trx) => {
        const connection = { query: (text: string, params?: readonly unknown[]) => trx.executeQuery(rawQuery(text, params ?? [])) };
        return { value: await fn(sqlTransaction(connection)) };
      })) as { value: Awaited<ReturnType<typeof fn>> };
      return box.value;
    },
  };
}
