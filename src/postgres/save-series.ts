import { InvalidArgumentError } from '../errors.js';
import { toEpochMs } from '../expand/instant.js';
import type { InstantInput } from '../expand/types.js';
import { defineSeries } from '../series/define.js';
import type { Series, SeriesInput } from '../series/types.js';
import { assertStorable, insertBlocks } from './insert-blocks.js';
import { type Database, type Queryable, rowsOf } from './queryable.js';
import { type SchemaOptions, type SqlNames, sqlNames } from './schema-options.js';
import { expandWindow, instantParam, isOpenEnded, lockSeriesRow, readName, readOptions } from './series-row.js';
import { inTransaction, RetryTransaction } from './transaction.js';

/** Options of `saveSeries`. */
export interface SaveSeriesOptions extends SchemaOptions {
  /** What the blocks occupy (a room, a person): two live blocks of one resource never overlap. */
  resource: string;
  /** Materialize the blocks overlapping `[from, to)`. `to` is required for a series that never ends; default: the whole series. */
  window?: { from?: InstantInput; to?: InstantInput };
  /** Most blocks to materialize before `ExpansionLimitError` (default 100 000, as `expand`). */
  limit?: number;
}

/** What `saveSeries` did. */
export interface SaveSeriesResult {
  readonly seriesId: string;
  /** True when the series row was new. */
  readonly created: boolean;
  /** Blocks of the series in the window. */
  readonly blocks: number;
  /** Of those, the rows inserted now (0 on a re-run). */
  readonly added: number;
}

/**
 * Stores a series and materializes its blocks, in one transaction.
 *
 * The blocks overlapping `window` are inserted with one set-based statement. Idempotent:
 * saving the same series again changes nothing (a wider window adds the missing blocks),
 * also after `regenerate`: blocks starting before the edit's `from` are not materialized
 * under the edited spec, since the stored rows there follow the spec it replaced.
 * To apply an edit to a stored series use `regenerate`; saving a different spec or
 * resource under a stored id is an error. When a block overlaps a live block of the same
 * resource, the exclusion constraint rejects it and `BlockConflictError` reports both;
 * nothing is written, not even the series row.
 *
 * @param db - a PGlite instance, a pg `Pool` or a connected pg `Client`
 * @param series - a series from `defineSeries` (or its JSON input)
 * @param options - `resource`, `window` `{ from, to }`, `limit`, `schema`, `prefix`
 * @returns counts of the blocks in the window and of the rows added
 * @throws {BlockConflictError} when a block overlaps a stored live block of the resource (or the series overlaps itself)
 * @throws {InvalidArgumentError} naming `series` when a block would end after year 9999; for a bad `resource` (empty, or a NUL character), `window.from`/`window.to` (also: missing for a never-ending series), `limit`, or a stored series of that id with another spec or resource
 * @throws {SeriesValidationError} when `series` is not a valid series
 *
 * @example
 * await saveSeries(pool, standup, { resource: 'room-42', window: { to: '2026-01-01T00:00:00Z' } });
 * //=> { seriesId: 'room-42-standup', created: true, blocks: 10, added: 10 }
 */
export async function saveSeries(db: Database, series: Series, options: SaveSeriesOptions): Promise<SaveSeriesResult> {
  const opts = readOptions(options, "{ resource: 'room-1', window: { from, to } }");
  const names = sqlNames(opts);
  const resource = readName(opts.resource, 'resource');
  const normalized = defineSeries(series as SeriesInput);
  const { from, to } = readWindow(normalized, opts.window);
  const expanded = expandWindow(normalized, from, to, opts.limit);
  assertStorable(expanded);

  return inTransaction(db, async (tx) => {
    const { created, cancelledFrom, specFrom } = await storeSeriesRow(tx, names, normalized, resource, to);
    // Before `specFrom` the stored rows follow the spec an edit replaced: regenerate left them, and so does saving.
    const blocks = expanded.filter((block) => block.start < cancelledFrom && block.start >= specFrom);
    const added = await insertBlocks(tx, names, normalized.id, resource, blocks);
    return { seriesId: normalized.id, created, blocks: blocks.length, added };
  });
}

function readWindow(series: Series, window: SaveSeriesOptions['window']): { from: number; to: number } {
  if (window !== undefined && (typeof window !== 'object' || window === null)) {
    throw new InvalidArgumentError('window', 'expected an object such as { from, to }');
  }
  const from = window?.from === undefined ? -Infinity : toEpochMs(window.from, 'window.from');
  const to = window?.to === undefined ? Infinity : toEpochMs(window.to, 'window.to');
  if (to === Infinity && isOpenEnded(series)) {
    throw new InvalidArgumentError('window.to', `series "${series.id}" never ends, so the window needs an end`);
  }
  if (to <= from) throw new InvalidArgumentError('window.to', 'must be after window.from');
  return { from, to };
}

/** Inserts the series row, or checks the stored one is the same series and widens its horizon. */
async function storeSeriesRow(
  tx: Queryable,
  names: SqlNames,
  series: Series,
  resource: string,
  to: number,
): Promise<{ created: boolean; cancelledFrom: number; specFrom: number }> {
  const spec = JSON.stringify(series);
  const inserted = await tx.query(
    `insert into ${names.series} (id, resource, spec, open_ended, materialized_until)
values ($1, $2, $3::jsonb, $4, $5::timestamptz)
on conflict (id) do nothing
returning 1`,
    [series.id, resource, spec, isOpenEnded(series), instantParam(to)],
  );
  if (inserted.rows.length === 1) return { created: true, cancelledFrom: Infinity, specFrom: -Infinity };

  const stored = await lockSeriesRow(tx, names, series.id);
  // The row our insert ran into was deleted before we could lock it: start over.
  if (stored === undefined) throw new RetryTransaction(`series "${series.id}" was deleted while it was being saved`);
  if (stored.resource !== resource) {
    throw new InvalidArgumentError('resource', `series "${series.id}" is stored on resource "${stored.resource}", not "${resource}"`);
  }
  const same = await tx.query(`select spec = $2::jsonb as same from ${names.series} where id = $1`, [series.id, spec]);
  if (rowsOf<{ same: boolean }>(same)[0]?.same !== true) {
    throw new InvalidArgumentError('series', `a different series with id "${series.id}" is stored; apply edits with regenerate`);
  }
  // A stored horizon of Infinity already means the whole series; a finite one can only grow.
  if (stored.materializedUntil !== Infinity && to > stored.materializedUntil) {
    await tx.query(`update ${names.series} set materialized_until = $2::timestamptz, updated_at = now() where id = $1`, [series.id, instantParam(to)]);
  }
  return { created: false, cancelledFrom: stored.cancelledFrom, specFrom: stored.specFrom };
}
