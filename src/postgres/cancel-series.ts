import type { InstantInput } from '../expand/types.js';
import { blocksHoldingBookings, type HeldBlock } from './held-blocks.js';
import { type Database, rowsOf } from './queryable.js';
import { type SchemaOptions, sqlNames } from './schema-options.js';
import { instantParam, readInstant, readName, readOptions, requireSeriesRow } from './series-row.js';
import { inTransaction } from './transaction.js';

/** Options of `cancelSeries`. */
export interface CancelSeriesOptions extends SchemaOptions {
  /** Blocks starting at or after this instant are cancelled. */
  from: InstantInput;
}

/** What `cancelSeries` did, as sorted block keys. */
export interface CancelSeriesSummary {
  readonly seriesId: string;
  /** Open, unlocked blocks now `cancelled` (they no longer hold their period). */
  readonly cancelled: readonly string[];
  /** Live blocks left as they were: booked, blocked or locked. The application decides about them. */
  readonly preserved: readonly string[];
  /** Of `preserved`, the open blocks kept because live bookings lie in them (their ids, and why). */
  readonly heldByBookings: readonly HeldBlock[];
}

/**
 * Cancels a series from a point in time on, in one transaction: its open, unlocked blocks
 * starting at or after `from` get status `cancelled` (which frees their periods), and the
 * series is marked so that `extendHorizon`, `saveSeries` and `regenerate` materialize
 * nothing from there on. Booked, blocked and locked blocks are never modified, nor are
 * open blocks that live bookings lie in (kept, and reported in `heldByBookings`).
 *
 * @param db - a pg `Pool` or connected `Client`, a PGlite instance, a postgres.js instance or a Kysely instance (see `Database`)
 * @param id - the stored series' id
 * @param options - `from`, `schema`, `prefix`
 * @returns the keys cancelled and preserved
 * @throws {InvalidArgumentError} for a bad `from`, or `id` when no series of that id is stored
 * @throws {InvalidArgumentError} naming `db` when it is none of the accepted kinds, or a connection already inside a transaction of the caller's (pass the pool, or a connection outside one)
 * @throws {TransactionRetryError} when deadlocks or vanished rows made every retry of the transaction fail
 *
 * @example
 * await cancelSeries(pool, 'room-42-standup', { from: '2025-06-01T00:00:00Z' });
 * //=> { seriesId: 'room-42-standup', cancelled: ['2025-06-02T09:30', …], preserved: ['2025-06-04T09:30'], heldByBookings: [] }
 */
export async function cancelSeries(db: Database, id: string, options: CancelSeriesOptions): Promise<CancelSeriesSummary> {
  const opts = readOptions(options, "{ from: '2025-06-01T00:00:00Z' }");
  const names = sqlNames(opts);
  const seriesId = readName(id, 'id');
  const from = instantParam(readInstant(opts.from, 'from'));
  return inTransaction(db, async (tx) => {
    await requireSeriesRow(tx, names, seriesId, 'id');
    // Lock first, then look for bookings in a statement of its own: see blocksHoldingBookings.
    const open = await tx.query(
      `select key from ${names.blocks} where series_id = $1::text and lower(period) >= $2::text::timestamptz and status = 'open' and not locked order by id for update`,
      [seriesId, from],
    );
    const held = await blocksHoldingBookings(tx, names, seriesId, keysOf(open), 'cancelled');
    const heldKeys = new Set(held.map((block) => block.key));
    const cancelled = await tx.query(
      `update ${names.blocks} set status = 'cancelled', updated_at = now()
where series_id = $1::text and key = any($2::text[])
returning key`,
      [seriesId, keysOf(open).filter((key) => !heldKeys.has(key))],
    );
    const preserved = await tx.query(
      `select key from ${names.blocks} where series_id = $1::text and lower(period) >= $2::text::timestamptz and status <> 'cancelled'`,
      [seriesId, from],
    );
    await tx.query(
      `update ${names.series} set cancelled_from = least(coalesce(cancelled_from, $2::text::timestamptz), $2::text::timestamptz), updated_at = now() where id = $1::text`,
      [seriesId, from],
    );
    return {
      seriesId,
      cancelled: keysOf(cancelled),
      preserved: keysOf(preserved),
      heldByBookings: held,
    };
  });
}

function keysOf(result: { rows: readonly unknown[] }): string[] {
  return rowsOf<{ key: string }>(result)
    .map((row) => row.key)
    .sort();
}
