import type { InstantInput } from '../expand/types.js';
import { defineSeries } from '../series/define.js';
import type { SeriesInput } from '../series/types.js';
import { TimeblocksError } from '../errors.js';
import { BlockConflictError } from './errors.js';
import { insertBlocks } from './insert-blocks.js';
import { type Database, rowsOf } from './queryable.js';
import { type SchemaOptions, sqlNames } from './schema-options.js';
import { expandWindow, instantParam, lockSeriesRow, readInstant, readOptions } from './series-row.js';
import { inTransaction } from './transaction.js';

/** Options of `extendHorizon`. */
export interface ExtendHorizonOptions extends SchemaOptions {
  /** Materialize every never-ending series up to this instant (exclusive). */
  until: InstantInput;
}

/** What `extendHorizon` did. */
export interface ExtendHorizonSummary {
  /** Series rolled forward, by id, with the number of rows each gained. */
  readonly extended: ReadonlyArray<{ readonly seriesId: string; readonly added: number }>;
  /** Series whose new blocks clashed: each left exactly as it was, to be retried after the clash is resolved. */
  readonly conflicts: readonly BlockConflictError[];
  /**
   * Series that could not be extended for another reason of their own (a stored spec that
   * no longer validates, `ExpansionLimitError`): each left as it was, the others extended.
   */
  readonly failed: ReadonlyArray<{ readonly seriesId: string; readonly error: TimeblocksError }>;
}

/**
 * Rolls every never-ending series forward to `until`: the daily job of a booking app.
 *
 * Each series whose horizon lies before `until` gets the blocks between its horizon and
 * `until`, in a transaction of its own, and its horizon moves to `until`. Idempotent:
 * running it again with the same `until` does nothing. A series whose new blocks clash
 * with stored ones is reported in `conflicts` and left unchanged, so one clash does not
 * stop the job for every other series; so is any other failure of one series' own (its
 * stored spec no longer validates, say), in `failed`. Series cancelled from a point stop there.
 *
 * @param db - a pg `Pool` or connected `Client`, a PGlite instance, a postgres.js instance or a Kysely instance (see `Database`)
 * @param options - `until`, `schema`, `prefix`
 * @returns the series extended, the conflicts met and the series that failed otherwise
 * @throws {InvalidArgumentError} for a bad `until`
 * @throws {InvalidArgumentError} naming `db` when it is none of the accepted kinds, or a connection already inside a transaction of the caller's (pass the pool, or a connection outside one)
 * @throws {TransactionRetryError} when deadlocks or vanished rows made every retry of the transaction fail
 *
 * @example
 * await extendHorizon(pool, { until: '2026-03-01T00:00:00Z' });
 * //=> { extended: [{ seriesId: 'room-42-standup', added: 13 }], conflicts: [], failed: [] }
 */
export async function extendHorizon(db: Database, options: ExtendHorizonOptions): Promise<ExtendHorizonSummary> {
  const opts = readOptions(options, "{ until: '2026-03-01T00:00:00Z' }");
  const names = sqlNames(opts);
  const until = readInstant(opts.until, 'until');
  // Through inTransaction, so that on a single connection it waits for other calls' transactions.
  const due = await inTransaction(db, (tx) =>
    tx.query(
      `select id from ${names.series}
where open_ended and materialized_until < $1::text::timestamptz and (cancelled_from is null or materialized_until < cancelled_from)
order by id`,
      [instantParam(until)],
    ),
  );
  const extended: Array<{ seriesId: string; added: number }> = [];
  const conflicts: BlockConflictError[] = [];
  const failed: Array<{ seriesId: string; error: TimeblocksError }> = [];
  for (const { id } of rowsOf<{ id: string }>(due)) {
    try {
      const added = await inTransaction(db, async (tx) => {
        // Re-read under the row lock: another job may have extended it meanwhile.
        const row = await lockSeriesRow(tx, names, id);
        if (row === undefined || !row.openEnded) return undefined;
        const start = row.materializedUntil;
        const end = Math.min(until, row.cancelledFrom);
        if (!(end > start)) return undefined;
        const series = defineSeries(row.spec as SeriesInput);
        const blocks = expandWindow(series, start, end).filter((block) => block.start >= start);
        const count = await insertBlocks(tx, names, id, row.resource, blocks);
        await tx.query(`update ${names.series} set materialized_until = $2::text::timestamptz, updated_at = now() where id = $1::text`, [id, instantParam(end)]);
        return count;
      });
      if (added !== undefined) extended.push({ seriesId: id, added });
    } catch (error) {
      if (error instanceof BlockConflictError) conflicts.push(error);
      // A typed error belongs to this series; a driver error (a lost connection) stops the job.
      else if (error instanceof TimeblocksError) failed.push({ seriesId: id, error });
      else throw error;
    }
  }
  return { extended, conflicts, failed };
}
