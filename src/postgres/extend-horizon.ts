import type { InstantInput } from '../expand/types.js';
import { defineSeries } from '../series/define.js';
import type { SeriesInput } from '../series/types.js';
import { InvalidArgumentError, TimeblocksError } from '../errors.js';
import { showValue } from '../show-value.js';
import { BlockConflictError } from './errors.js';
import { type BatchSelection, extendBatch, type HorizonOutcome } from './extend-batch.js';
import { insertBlocks } from './insert-blocks.js';
import type { Database } from './queryable.js';
import { type SchemaOptions, type SqlNames, sqlNames } from './schema-options.js';
import { expandWindow, instantParam, lockSeriesRow, readInstant, readOptions } from './series-row.js';
import { inTransaction } from './transaction.js';

/** Options of `extendHorizon`. */
export interface ExtendHorizonOptions extends SchemaOptions {
  /** Materialize every never-ending series up to this instant (exclusive). */
  until: InstantInput;
  /**
   * Series per transaction: each batch locks this many due series, writes their blocks
   * and moves their horizons, then commits. Default 2 000; an integer from 1 to 10 000.
   * Larger batches cost fewer commits and hold their series rows locked longer.
   */
  batchSize?: number;
}

/** What `extendHorizon` did. */
export interface ExtendHorizonSummary {
  /** Series rolled forward, by id, with the number of rows each gained. */
  readonly extended: ReadonlyArray<{ readonly seriesId: string; readonly added: number }>;
  /** Series whose new blocks clashed: each left exactly as it was, to be retried after the clash is resolved. */
  readonly conflicts: readonly BlockConflictError[];
  /**
   * Series that could not be extended for another reason of their own (a stored spec that
   * no longer validates, `ExpansionLimitError`, rows the database refused: a `DatabaseError`
   * with its SQLSTATE, whatever it is): each left as it was, the others extended.
   */
  readonly failed: ReadonlyArray<{ readonly seriesId: string; readonly error: TimeblocksError }>;
}

/**
 * Rolls every never-ending series forward to `until`: the daily job of a booking app.
 *
 * Each series whose horizon lies before `until` gets the blocks between its horizon and
 * `until`, and its horizon moves to `until`. The work is set-based: series are taken in
 * batches of `batchSize` (in id order), each batch one transaction of a few statements
 * however many series and blocks it holds. Idempotent: running it again with the same
 * `until` does nothing. A series whose new blocks clash with stored ones is reported in
 * `conflicts` and left unchanged, so one clash does not stop the job for every other
 * series; so is any other failure of one series' own (its stored spec no longer
 * validates, a trigger refuses its rows: any SQLSTATE), in `failed`. A batch that fails
 * is split until the failing series stands alone, so the others of its batch are
 * extended all the same. Series cancelled from a point stop there.
 *
 * @param db - a pg `Pool` or connected `Client`, a PGlite instance, a postgres.js instance or a Kysely instance (see `Database`)
 * @param options - `until`, `batchSize`, `schema`, `prefix`
 * @returns the series extended, the conflicts met and the series that failed otherwise
 * @throws {InvalidArgumentError} for a bad `until` or `batchSize`
 * @throws {InvalidArgumentError} naming `db` when it is none of the accepted kinds, or a connection already inside a transaction of the caller's (pass the pool, or a connection outside one)
 * @throws {DatabaseError} when the due series cannot be read at all (the connection is gone, say)
 * @throws {TransactionRetryError} when deadlocks made every retry of reading the due series fail
 *
 * @example
 * await extendHorizon(pool, { until: '2026-03-01T00:00:00Z' });
 * //=> { extended: [{ seriesId: 'room-42-standup', added: 13 }], conflicts: [], failed: [] }
 */
export async function extendHorizon(db: Database, options: ExtendHorizonOptions): Promise<ExtendHorizonSummary> {
  const opts = readOptions(options, "{ until: '2026-03-01T00:00:00Z' }");
  const names = sqlNames(opts);
  const until = readInstant(opts.until, 'until');
  const batchSize = readBatchSize(opts.batchSize);
  const outcomes: HorizonOutcome[] = [];
  // Keyset pagination: each batch takes the next due series after the last one locked.
  for (let after = ''; ; ) {
    const batch = await runBatch(db, names, until, { after, limit: batchSize });
    outcomes.push(...batch.outcomes);
    if (batch.locked.length < batchSize) break;
    after = batch.locked.at(-1)!;
  }
  return summarize(outcomes);
}

/** Default series per batch: a few thousand, so that 10 000 series are a handful of transactions. */
const defaultBatchSize = 2_000;
/** Most series per batch: the id and horizon arrays of one statement stay a few megabytes. */
const maxBatchSize = 10_000;

function readBatchSize(value: unknown): number {
  if (value === undefined) return defaultBatchSize;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > maxBatchSize) {
    throw new InvalidArgumentError('batchSize', `expected an integer from 1 to ${maxBatchSize}, got ${showValue(value)}`);
  }
  return value;
}

/**
 * One batch in one transaction. When it fails (a clash, a refused row, retries exhausted),
 * the series it had locked are isolated: the rolled-back batch changed nothing, so they
 * run again in halves, each half in a transaction of its own, down to single series.
 * One poison series in a batch of n costs about 2·log2(n) extra transactions.
 */
async function runBatch(db: Database, names: SqlNames, until: number, selection: BatchSelection): Promise<{ locked: readonly string[]; outcomes: HorizonOutcome[] }> {
  let locked: readonly string[] | undefined;
  try {
    const outcomes = await inTransaction(db, (tx) => {
      locked = undefined;
      return extendBatch(tx, names, until, selection, (ids) => {
        locked = ids;
      });
    });
    return { locked: locked ?? [], outcomes };
  } catch (error) {
    // Not a failure of the batch's series: the select itself failed, or a held transaction must be rerun by its holder.
    if (!(error instanceof TimeblocksError) || locked === undefined) throw error;
    const ids = locked;
    if (ids.length === 1) return { locked: ids, outcomes: await extendOne(db, names, until, ids[0]!) };
    const half = Math.ceil(ids.length / 2);
    const first = await runBatch(db, names, until, { ids: ids.slice(0, half) });
    const second = await runBatch(db, names, until, { ids: ids.slice(half) });
    return { locked: ids, outcomes: [...first.outcomes, ...second.outcomes] };
  }
}

/**
 * One series in a transaction of its own, the way the job ran before it was set-based:
 * a clash becomes the `BlockConflictError` that names the stored row, any other typed
 * failure is this series' own.
 */
async function extendOne(db: Database, names: SqlNames, until: number, id: string): Promise<HorizonOutcome[]> {
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
    return added === undefined ? [] : [{ seriesId: id, kind: 'extended', added }];
  } catch (error) {
    if (error instanceof BlockConflictError) return [{ seriesId: id, kind: 'conflict', error }];
    // A typed error belongs to this series; a raw one (a held transaction's deadlock) is for the caller.
    if (error instanceof TimeblocksError) return [{ seriesId: id, kind: 'failed', error }];
    throw error;
  }
}

function summarize(outcomes: readonly HorizonOutcome[]): ExtendHorizonSummary {
  const extended: Array<{ seriesId: string; added: number }> = [];
  const conflicts: BlockConflictError[] = [];
  const failed: Array<{ seriesId: string; error: TimeblocksError }> = [];
  for (const outcome of outcomes) {
    if (outcome.kind === 'extended') extended.push({ seriesId: outcome.seriesId, added: outcome.added });
    else if (outcome.kind === 'conflict') conflicts.push(outcome.error);
    else failed.push({ seriesId: outcome.seriesId, error: outcome.error });
  }
  return { extended, conflicts, failed };
}
