import { InvalidArgumentError } from '../errors.js';
import type { InstantInput } from '../expand/types.js';
import type { Series } from '../series/types.js';
import type { Database } from './queryable.js';
import { prepareSeries, type SaveSeriesResult } from './save-series.js';
import { type SchemaOptions, sqlNames } from './schema-options.js';
import { checkPrepared, type PreparedSeries, storeSeries } from './store-series.js';

/** One series for `saveManySeries`: the same fields as `saveSeries` takes. */
export interface SaveManySeriesEntry {
  /** A series from `defineSeries` (or its JSON input). */
  readonly series: Series;
  /** What its blocks occupy: two live blocks of one resource never overlap. */
  readonly resource: string;
  /** Materialize the blocks overlapping `[from, to)`; `to` is required for a series that never ends. */
  readonly window?: { from?: InstantInput; to?: InstantInput };
  /** Live bookings allowed to overlap at any instant inside its blocks. Default 1. */
  readonly capacity?: number;
}

/** Options of `saveManySeries`. */
export interface SaveManySeriesOptions extends SchemaOptions {
  /** Most blocks to materialize per series before `ExpansionLimitError` (default 100 000, as `expand`). */
  limit?: number;
}

/**
 * Stores many series and materializes all their blocks in ONE transaction.
 *
 * The bulk form of `saveSeries`, with its semantics for every entry: idempotent (saving
 * the same series again changes nothing, a wider window adds the missing blocks), a
 * stored series of the same id must have the same spec and resource. All series rows go
 * in with one statement and all blocks with one set-based insert, so the call costs a few
 * round trips and one commit however many series it holds. All or nothing: when any
 * block overlaps a live block of its resource (a stored one, or one of another entry),
 * `BlockConflictError` names the new block and the row it hit, and nothing is written.
 *
 * @param db - a pg `Pool` or connected `Client`, a PGlite instance, a postgres.js instance or a Kysely instance (see `Database`)
 * @param entries - `{ series, resource, window }` for each series; each id at most once
 * @param options - `limit`, `schema`, `prefix`
 * @returns one result per entry, in entry order, as `saveSeries` returns it
 * @throws {BlockConflictError} when a block overlaps a live block of its resource, stored or in the same call
 * @throws {InvalidArgumentError} naming `entries`, or the entry's field (`entries[2].resource`, `entries[2].window.to`, `entries[2].series` for a different stored spec or a repeated id, …)
 * @throws {SeriesValidationError} when an entry's `series` is not a valid series
 * @throws {InvalidArgumentError} naming `db` when it is none of the accepted kinds, or a connection already inside a transaction of the caller's (pass the pool, or a connection outside one)
 * @throws {TransactionRetryError} when deadlocks or vanished rows made every retry of the transaction fail
 *
 * @example
 * await saveManySeries(pool, [
 *   { series: standup, resource: 'room-42', window: { to: '2026-01-01T00:00:00Z' } },
 *   { series: review, resource: 'room-7', window: { to: '2026-01-01T00:00:00Z' } },
 * ]);
 * //=> [{ seriesId: 'room-42-standup', created: true, blocks: 10, added: 10 }, { seriesId: 'room-7-review', created: true, blocks: 4, added: 4 }]
 */
export async function saveManySeries(db: Database, entries: readonly SaveManySeriesEntry[], options: SaveManySeriesOptions = {}): Promise<SaveSeriesResult[]> {
  const names = sqlNames(options);
  if (!Array.isArray(entries)) throw new InvalidArgumentError('entries', 'expected an array of { series, resource, window }');
  const seen = new Map<string, number>();
  const prepared: PreparedSeries[] = entries.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null) throw new InvalidArgumentError(`entries[${i}]`, 'expected { series, resource, window }');
    const { series, resource, window, capacity } = entry as SaveManySeriesEntry;
    const one = prepareSeries(series, resource, window, options.limit, `entries[${i}].`, capacity);
    const earlier = seen.get(one.series.id);
    if (earlier !== undefined) throw new InvalidArgumentError(`entries[${i}].series`, `id "${one.series.id}" is already entries[${earlier}]`);
    seen.set(one.series.id, i);
    return one;
  });
  if (prepared.length === 0) return [];
  checkPrepared(prepared);
  return storeSeries(db, names, prepared);
}
