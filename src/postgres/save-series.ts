import { InvalidArgumentError } from '../errors.js';
import { showValue } from '../show-value.js';
import { toEpochMs } from '../expand/instant.js';
import type { InstantInput } from '../expand/types.js';
import { defineSeries } from '../series/define.js';
import type { Series, SeriesInput } from '../series/types.js';
import type { Database } from './queryable.js';
import { type SchemaOptions, sqlNames } from './schema-options.js';
import { checkStorableText, expandWindow, isOpenEnded, readName, readOptions, storableSpec } from './series-row.js';
import { checkPrepared, type PreparedSeries, storeSeries } from './store-series.js';

/** Options of `saveSeries`. */
export interface SaveSeriesOptions extends SchemaOptions {
  /** What the blocks occupy (a room, a person): two live blocks of one resource never overlap. */
  resource: string;
  /** Materialize the blocks overlapping `[from, to)`. `to` is required for a series that never ends; default: the whole series. */
  window?: { from?: InstantInput; to?: InstantInput };
  /** Most blocks to materialize before `ExpansionLimitError` (default 100 000, as `expand`). */
  limit?: number;
  /** How many live bookings may overlap at any instant inside its blocks (seats 1..capacity): 12 for a class of twelve. Default 1, at most 10 000. */
  capacity?: number;
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
 * The blocks overlapping `window` are inserted with one set-based statement (four round
 * trips in all: BEGIN, the series row, the blocks, COMMIT). To store many series at
 * once, `saveManySeries` does the same for all of them in one transaction. Idempotent:
 * saving the same series again changes nothing (a wider window adds the missing blocks),
 * also after `regenerate`: blocks starting before the edit's `from` are not materialized
 * under the edited spec, since the stored rows there follow the spec it replaced.
 * To apply an edit to a stored series use `regenerate`; saving a different spec or
 * resource under a stored id is an error. When a block overlaps a live block of the same
 * resource, the exclusion constraint rejects it and `BlockConflictError` reports both;
 * nothing is written, not even the series row.
 *
 * @param db - a pg `Pool` or connected `Client`, a PGlite instance, a postgres.js instance or a Kysely instance (see `Database`)
 * @param series - a series from `defineSeries` (or its JSON input)
 * @param options - `resource`, `window` `{ from, to }`, `limit`, `capacity`, `schema`, `prefix`
 * @returns counts of the blocks in the window and of the rows added
 * @throws {BlockConflictError} when a block overlaps a stored live block of the resource (or the series overlaps itself)
 * @throws {InvalidArgumentError} naming `series` when a block would end after year 9999; for a bad `resource` (empty, or a NUL character), `window.from`/`window.to` (also: missing for a never-ending series), `limit`, `capacity`, or a stored series of that id with another spec, resource or capacity
 * @throws {SeriesValidationError} when `series` is not a valid series
 * @throws {InvalidArgumentError} naming `db` when it is none of the accepted kinds, or a connection already inside a transaction of the caller's (pass the pool, or a connection outside one)
 * @throws {TransactionRetryError} when deadlocks or vanished rows made every retry of the transaction fail
 *
 * @example
 * await saveSeries(pool, standup, { resource: 'room-42', window: { to: '2026-01-01T00:00:00Z' } });
 * //=> { seriesId: 'room-42-standup', created: true, blocks: 10, added: 10 }
 */
export async function saveSeries(db: Database, series: Series, options: SaveSeriesOptions): Promise<SaveSeriesResult> {
  const opts = readOptions(options, "{ resource: 'room-1', window: { from, to } }");
  const names = sqlNames(opts);
  const prepared = prepareSeries(series, opts.resource, opts.window, opts.limit, '', opts.capacity);
  checkPrepared([prepared]);
  const [result] = await storeSeries(db, names, [prepared]);
  return result!;
}

/**
 * Validates and expands one series to store: its resource, its window and its blocks.
 * `field` prefixes the names of the fields in errors (`entries[3].` for a bulk call).
 */
export function prepareSeries(
  series: Series,
  resourceInput: unknown,
  window: SaveSeriesOptions['window'],
  limit: number | undefined,
  field: string,
  capacityInput?: unknown,
): PreparedSeries {
  const resource = readName(resourceInput, `${field}resource`);
  const capacity = readCapacity(capacityInput, `${field}capacity`);
  const normalized = defineSeries(series as SeriesInput);
  checkStorableText(normalized.id, `${field}series.id`);
  storableSpec(normalized, `${field}series`);
  const { from, to } = readWindow(normalized, window, field);
  const blocks = expandWindow(normalized, from, to, limit);
  return { series: normalized, resource, capacity, from, to, limit, blocks, field };
}

function readWindow(series: Series, window: SaveSeriesOptions['window'], field: string): { from: number; to: number } {
  if (window !== undefined && (typeof window !== 'object' || window === null)) {
    throw new InvalidArgumentError(`${field}window`, 'expected an object such as { from, to }');
  }
  const from = window?.from === undefined ? -Infinity : toEpochMs(window.from, `${field}window.from`);
  const to = window?.to === undefined ? Infinity : toEpochMs(window.to, `${field}window.to`);
  if (to === Infinity && isOpenEnded(series)) {
    throw new InvalidArgumentError(`${field}window.to`, `series "${series.id}" never ends, so the window needs an end`);
  }
  if (to <= from) throw new InvalidArgumentError(`${field}window.to`, 'must be after window.from');
  return { from, to };
}

/** The most seats a series may offer: capacity is counted per seat, so it stays small. */
export const maxCapacity = 10_000;

function readCapacity(value: unknown, field: string): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > maxCapacity) {
    throw new InvalidArgumentError(field, `${showValue(value)} is not an integer from 1 to ${maxCapacity}`);
  }
  return value;
}
