import { InvalidArgumentError } from '../errors.js';
import type { Block } from '../expand/types.js';
import type { Series } from '../series/types.js';
import { BlockColumns, insertBlockRowsSql, insertNewBlocks, moveHorizons } from './block-rows.js';
import { type BlockConflictError, TransactionRetryError } from './errors.js';
import { findFirstConflict } from './find-conflict.js';
import { assertStorable, findSelfOverlap } from './insert-blocks.js';
import { type Database, type Queryable, rowsOf } from './queryable.js';
import type { SqlNames } from './schema-options.js';
import { booleanParam, expandWindow, instantParam, isOpenEnded } from './series-row.js';
import { sqlStateOf, sqlStates } from './sql-errors.js';
import { epochMsSql } from './stored-block.js';
import { AdapterSignal, inTransaction, maxAttempts, RetryTransaction } from './transaction.js';

/** One series to store, validated and expanded before any SQL runs. */
export interface PreparedSeries {
  readonly series: Series;
  readonly resource: string;
  /** Live bookings allowed to overlap at any instant inside its blocks. */
  readonly capacity: number;
  /** Where the window starts; `-Infinity`: the series' start. */
  readonly from: number;
  /** The horizon to record (exclusive); `Infinity`: the whole series. */
  readonly to: number;
  /** The caller's expansion limit, for the blocks of a gap too. */
  readonly limit?: number | undefined;
  /** The blocks of the window, in block order. */
  readonly blocks: readonly Block[];
  /** How a field of this entry is named in errors: `''` for saveSeries, `entries[3].` for saveManySeries. */
  readonly field: string;
}

/** What storing one series did (the shape of `SaveSeriesResult`). */
export interface StoredSeriesResult {
  readonly seriesId: string;
  readonly created: boolean;
  readonly blocks: number;
  readonly added: number;
}

/**
 * Checks what can be checked without the database: every block is storable, and no two
 * blocks of the call overlap on one resource (the constraint would reject them together).
 */
export function checkPrepared(prepared: readonly PreparedSeries[]): void {
  const byResource = new Map<string, Block[]>();
  for (const entry of prepared) {
    assertStorable(entry.blocks);
    const list = byResource.get(entry.resource) ?? [];
    for (const block of entry.blocks) list.push(block); // a spread of 200 000 blocks overflows the stack
    byResource.set(entry.resource, list);
  }
  for (const [resource, blocks] of byResource) {
    const overlap = findSelfOverlap(blocks, resource);
    if (overlap !== undefined) throw overlap;
  }
}

/** The exclusion constraint rejected the insert; the transaction is rolled back before the clash is looked up. */
class ExclusionViolation extends AdapterSignal {
  /** The blocks the insert tried, per entry (after the stored series' bounds). */
  readonly kept: ReadonlyArray<readonly Block[]>;
  constructor(kept: ReadonlyArray<readonly Block[]>, cause: unknown) {
    super('exclusion violation', { cause });
    this.kept = kept;
  }
}

/**
 * Stores series rows and materializes their blocks in ONE transaction: one statement for
 * the new series rows, one for all the blocks, however many series there are.
 *
 * No savepoint guards the insert: when the exclusion constraint rejects it, the whole
 * transaction rolls back (nothing was deleted in it, so the stored rows are as before),
 * and the clash is then looked up in a transaction of its own. Should the row it hit have
 * gone by then, the whole call runs again.
 */
export async function storeSeries(db: Database, names: SqlNames, prepared: readonly PreparedSeries[]): Promise<StoredSeriesResult[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, (tx) => storeOnce(tx, names, prepared));
    } catch (error) {
      if (!(error instanceof ExclusionViolation)) throw error;
      const conflict = await inTransaction(db, (tx) => findConflict(tx, names, prepared, error.kept));
      if (conflict !== undefined) throw conflict;
      if (attempt === maxAttempts) throw new TransactionRetryError(attempt, 'the stored block that new blocks hit kept disappearing');
    }
  }
}

interface ExistingSeriesRow {
  id: string;
  resource: string;
  capacity: number;
  same: boolean;
  until_ms: number | string | null;
  cancelled_ms: number | string | null;
  spec_from_ms: number | string | null;
}

async function storeOnce(tx: Queryable, names: SqlNames, prepared: readonly PreparedSeries[]): Promise<StoredSeriesResult[]> {
  const specs = prepared.map((entry) => JSON.stringify(entry.series));
  await lockSeriesIds(tx, names, prepared.map((entry) => entry.series.id));
  // An id stored on any resource is not created again: the checks below compare resources.
  const inserted = await tx.query(
    `insert into ${names.series} (id, resource, spec, open_ended, materialized_until, capacity)
select n.id, n.resource, n.spec::jsonb, n.open_ended, n.until, n.capacity
from unnest($1::text[], $2::text[], $3::text[], $4::text[]::boolean[], $5::text[]::timestamptz[], $6::text[]::int[]) as n(id, resource, spec, open_ended, until, capacity)
where not exists (select 1 from ${names.series} s where s.id = n.id)
on conflict (id, resource) do nothing
returning id`,
    [
      prepared.map((entry) => entry.series.id),
      prepared.map((entry) => entry.resource),
      specs,
      prepared.map((entry) => booleanParam(isOpenEnded(entry.series))),
      prepared.map((entry) => instantParam(entry.to)),
      prepared.map((entry) => entry.capacity),
    ],
  );
  const created = new Set(rowsOf<{ id: string }>(inserted).map((row) => row.id));
  const existing = prepared.map((entry, i) => ({ entry, spec: specs[i]! })).filter(({ entry }) => !created.has(entry.series.id));
  // Bounds per series: blocks from the edit's start (spec_from) and before a cancellation.
  const bounds = new Map<string, { from: number; until: number }>();
  const gaps = new Map<string, Block[]>();
  if (existing.length > 0) {
    const result = await tx.query(
      `select s.id, s.resource, s.capacity, s.spec = n.spec::jsonb as same, ${epochMsSql('s.materialized_until')} as until_ms,
       ${epochMsSql('s.cancelled_from')} as cancelled_ms, ${epochMsSql('s.spec_from')} as spec_from_ms
from ${names.series} s join unnest($1::text[], $2::text[]) as n(id, spec) on s.id = n.id
order by s.id
for update of s`,
      [existing.map(({ entry }) => entry.series.id), existing.map(({ spec }) => spec)],
    );
    const rows = new Map(rowsOf<ExistingSeriesRow>(result).map((row) => [row.id, row]));
    const grow: Array<{ seriesId: string; resource: string; until: number }> = [];
    for (const { entry } of existing) {
      const row = rows.get(entry.series.id);
      // The row our insert ran into was deleted before we could lock it: start over.
      if (row === undefined) throw new RetryTransaction(`series "${entry.series.id}" was deleted while it was being saved`);
      if (row.resource !== entry.resource) {
        throw new InvalidArgumentError(`${entry.field}resource`, `series "${entry.series.id}" is stored on resource "${row.resource}", not "${entry.resource}"`);
      }
      if (Number(row.capacity) !== entry.capacity) {
        throw new InvalidArgumentError(`${entry.field}capacity`, `series "${entry.series.id}" is stored with capacity ${row.capacity}, not ${entry.capacity}`);
      }
      if (row.same !== true) {
        throw new InvalidArgumentError(`${entry.field}series`, `a different series with id "${entry.series.id}" is stored; apply edits with regenerate`);
      }
      const storedUntil = row.until_ms === null ? Infinity : Number(row.until_ms);
      // A stored horizon of Infinity already means the whole series; a finite one can only grow.
      if (storedUntil !== Infinity && entry.to > storedUntil) {
        grow.push({ seriesId: entry.series.id, resource: entry.resource, until: entry.to });
        // The horizon stays contiguous: a window that starts past it materializes from it.
        if (entry.from > storedUntil) gaps.set(entry.series.id, gapBlocks(entry, storedUntil));
      }
      bounds.set(entry.series.id, {
        from: row.spec_from_ms === null ? -Infinity : Number(row.spec_from_ms),
        until: row.cancelled_ms === null ? Infinity : Number(row.cancelled_ms),
      });
    }
    await moveHorizons(tx, names, grow);
  }

  // Before `from` the stored rows follow the spec an edit replaced: regenerate left them, and so does saving.
  const kept = prepared.map((entry) => {
    const bound = bounds.get(entry.series.id);
    const blocks = [...(gaps.get(entry.series.id) ?? []), ...entry.blocks];
    return bound === undefined ? blocks : blocks.filter((block) => block.start >= bound.from && block.start < bound.until);
  });
  const added = await insertAll(tx, names, prepared, kept, created);
  return prepared.map((entry, i) => ({
    seriesId: entry.series.id,
    created: created.has(entry.series.id),
    blocks: kept[i]!.length,
    added: added.get(entry.series.id) ?? 0,
  }));
}

// Series ids hash into this many advisory locks: a save of 10 000 series takes at most
// this many (PostgreSQL's shared lock table holds about 64 per connection), and two saves
// of different ids share a lock, and queue, only by a 1-in-256 chance.
const seriesIdLockBuckets = 256;

/**
 * Makes concurrent saves of one series id wait for each other until commit. The series key
 * is (id, resource) — every key includes resource, so the tables distribute by it — so no
 * constraint stops two resources from each storing the id; under this transaction-level
 * advisory lock the save that comes second sees the first one's row and is refused (a
 * different resource) or adds to it. The locks are (table, bucket of the id) pairs, taken
 * in bucket order, so two multi-series saves cannot deadlock on them.
 */
async function lockSeriesIds(tx: Queryable, names: SqlNames, ids: readonly string[]): Promise<void> {
  // The mask is a constant of this module, not a value: it may sit in the text.
  await tx.query(
    `select pg_advisory_xact_lock(hashtext($1::text), l.bucket)
from (select distinct hashtext(n.id) & ${seriesIdLockBuckets - 1} as bucket from unnest($2::text[]) as n(id) order by 1) as l`,
    [names.series, ids],
  );
}

/**
 * The blocks between a stored horizon and a window that starts past it, which no call
 * stored yet (and none of the window's own blocks).
 */
function gapBlocks(entry: PreparedSeries, storedUntil: number): Block[] {
  const inWindow = new Set(entry.blocks.map((block) => block.key));
  const gap = expandWindow(entry.series, storedUntil, entry.from, entry.limit).filter((block) => block.start >= storedUntil && !inWindow.has(block.key));
  assertStorable(gap);
  return gap;
}

/** The blocks of the entries, in entry and block order, as columns. */
function columns(prepared: readonly PreparedSeries[], kept: ReadonlyArray<readonly Block[]>): BlockColumns {
  const c = new BlockColumns();
  for (const [i, entry] of prepared.entries()) for (const block of kept[i]!) c.push(entry.series.id, entry.resource, block);
  return c;
}

/**
 * The blocks of the call, set-based: one plain INSERT for the series created in this
 * transaction (no row of theirs can exist: the foreign key makes any other writer wait
 * for our series row), one `ON CONFLICT DO NOTHING` insert for the stored series (their
 * stored keys are skipped, which makes re-runs idempotent). The rows each series gained.
 */
async function insertAll(
  tx: Queryable,
  names: SqlNames,
  prepared: readonly PreparedSeries[],
  kept: ReadonlyArray<readonly Block[]>,
  created: ReadonlySet<string>,
): Promise<Map<string, number>> {
  const added = new Map<string, number>();
  const fresh = prepared.map((entry, i) => (created.has(entry.series.id) ? kept[i]! : []));
  const stored = prepared.map((entry, i) => (created.has(entry.series.id) ? [] : kept[i]!));
  try {
    const c = columns(prepared, fresh);
    if (c.length > 0) {
      await tx.query(insertBlockRowsSql(names), c.params());
      for (const [i, entry] of prepared.entries()) if (fresh[i]!.length > 0) added.set(entry.series.id, fresh[i]!.length);
    }
    const d = columns(prepared, stored);
    if (d.length > 0) for (const [seriesId, n] of await insertNewBlocks(tx, names, d)) added.set(seriesId, n);
  } catch (error) {
    if (sqlStateOf(error) === sqlStates.exclusionViolation) throw new ExclusionViolation(kept, error);
    throw error;
  }
  return added;
}

/** After the rollback: the first new block of the call (in call and block order) that hit a live stored block. */
function findConflict(tx: Queryable, names: SqlNames, prepared: readonly PreparedSeries[], kept: ReadonlyArray<readonly Block[]>): Promise<BlockConflictError | undefined> {
  return findFirstConflict(tx, names, columns(prepared, kept));
}
