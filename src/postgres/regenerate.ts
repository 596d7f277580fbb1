import { InvalidArgumentError } from '../errors.js';
import { toEpochMs } from '../expand/instant.js';
import type { Block, InstantInput } from '../expand/types.js';
import { defineSeries } from '../series/define.js';
import type { Series, SeriesInput } from '../series/types.js';
import { blocksHoldingBookings, type HeldBlock } from './held-blocks.js';
import { insertBlocks } from './insert-blocks.js';
import { type Database, type Queryable, rowsOf } from './queryable.js';
import { type SchemaOptions, type SqlNames, sqlNames } from './schema-options.js';
import { booleanParam, checkStorableText, expandWindow, storableSpec, instantParam, isOpenEnded, readInstant, readOptions, requireSeriesRow } from './series-row.js';
import { blockFromRow, type StoredBlock, type StoredBlockRow, storedBlockColumns } from './stored-block.js';
import { inTransaction } from './transaction.js';

/** Options of `regenerate`. */
export interface RegenerateOptions extends SchemaOptions {
  /** Blocks starting at or after this instant (or the stored horizon, when that is earlier) follow the edit; earlier ones stay as they are. */
  from: InstantInput;
  /** New horizon (exclusive). Default: the stored one. Required when the stored series was materialized whole and the edit makes it never end. */
  until?: InstantInput;
  /** Most blocks to expand before `ExpansionLimitError` (default 100 000). */
  limit?: number;
}

/** What `regenerate` did, as sorted block keys. A block whose interval changed is in `removed` and `added`. */
export interface RegenerateSummary {
  readonly seriesId: string;
  /** New rows inserted. */
  readonly added: readonly string[];
  /** Open, unlocked rows deleted (no longer in the series, or moved). */
  readonly removed: readonly string[];
  /** Rows that already matched the edited series: untouched, same row. */
  readonly kept: readonly string[];
  /**
   * Rows that differ from the edited series but were left alone because they are booked,
   * blocked, locked, cancelled or start before `from`: the application decides about them.
   */
  readonly preserved: readonly string[];
  /**
   * Of `preserved`, the open blocks the edit would have removed or moved but kept because
   * live bookings lie in them (their ids, and why): availability is never taken from under
   * a booking. Cancel or move the bookings, then regenerate again.
   */
  readonly heldByBookings: readonly HeldBlock[];
}

/**
 * Applies an edited series to its stored blocks, in one transaction.
 *
 * From `from` on, the edited series is expanded up to the stored horizon (or `until`) and
 * compared with the stored rows by key: rows that match are not touched at all (same
 * row, same `xmin`); open, unlocked rows that no longer match are deleted; new blocks are
 * inserted. Booked, blocked, locked and cancelled rows are never modified. A new block
 * that overlaps any live row (one of those preserved, say) raises `BlockConflictError`
 * and nothing is written. The stored spec becomes the edited one; the resource stays the
 * stored one (to move a series to another resource, cancel it and save it anew).
 *
 * A `from` past the stored horizon applies the edit from the horizon instead: nothing
 * was materialized in between, so the edited series fills that stretch. An edit that
 * makes a never-ending series end (and gives no `until`) materializes it to its end.
 * Later `saveSeries` calls materialize only blocks from the edit's start on.
 *
 * @param db - a pg `Pool` or connected `Client`, a PGlite instance, a postgres.js instance or a Kysely instance (see `Database`)
 * @param series - the edited series (same `id` as the stored one)
 * @param options - `from`, optional `until` and `limit`, `schema`, `prefix`
 * @returns the keys added, removed, kept and preserved, and the blocks held by bookings
 * @throws {InvalidArgumentError} for a bad `from`/`until`/`limit`, or `series.id` when no series of that id is stored
 * @throws {BlockConflictError} when a new block overlaps a live stored block of the resource
 * @throws {SeriesValidationError} when `series` is not a valid series
 * @throws {InvalidArgumentError} naming `db` when it is none of the accepted kinds, or a connection already inside a transaction of the caller's (pass the pool, or a connection outside one)
 * @throws {TransactionRetryError} when deadlocks or vanished rows made every retry of the transaction fail
 *
 * @example
 * const later = defineSeries({ ...standupInput, startTime: '10:00', endTime: '10:30' });
 * await regenerate(pool, later, { from: '2025-04-01T00:00:00Z' });
 * //=> { seriesId: 'room-42-standup', added: ['2025-04-02T10:00', …], removed: ['2025-04-02T09:30', …], kept: [], preserved: [], heldByBookings: [] }
 */
export async function regenerate(db: Database, series: Series, options: RegenerateOptions): Promise<RegenerateSummary> {
  const opts = readOptions(options, "{ from: '2025-04-01T00:00:00Z' }");
  const names = sqlNames(opts);
  const edited = defineSeries(series as SeriesInput);
  checkStorableText(edited.id, 'series.id');
  storableSpec(edited, 'series');
  const from = readInstant(opts.from, 'from');
  const until = opts.until === undefined ? undefined : toEpochMs(opts.until, 'until');
  if (until !== undefined && until <= from) throw new InvalidArgumentError('until', 'must be after from');

  return inTransaction(db, async (tx) => {
    const row = await requireSeriesRow(tx, names, edited.id, 'series.id');
    // A never-ending series edited to end (count/until) is materialized up to its end: no
    // job extends a finite series, so a horizon kept from before would leave a gap.
    const whole = until === undefined && row.openEnded && !isOpenEnded(edited);
    const horizon = until ?? (whole ? Infinity : row.materializedUntil);
    if (horizon === Infinity && isOpenEnded(edited)) {
      throw new InvalidArgumentError('until', `series "${edited.id}" now never ends and was stored whole, so regenerate needs an until`);
    }
    // Nothing was materialized past the stored horizon, so an edit "from" a later instant
    // applies from the horizon: the edited series fills the gap rather than leaving it empty.
    const start = Math.min(from, row.materializedUntil);
    const end = Math.min(horizon, row.cancelledFrom);
    const next = end > start ? expandWindow(edited, start, end, opts.limit).filter((block) => block.start >= start) : [];
    const stored = await lockStoredBlocks(tx, names, edited.id, start, next);
    const candidates = planChanges(stored, next, start, new Set()).removed;
    const held = await blocksHoldingBookings(tx, names, edited.id, candidates, 'removed or moved');
    const plan = planChanges(stored, next, start, new Set(held.map((block) => block.key)));
    const heldByBookings = displaceByHeld(plan, stored, held);
    if (plan.removed.length > 0) {
      await tx.query(`delete from ${names.blocks} where series_id = $1::text and key = any($2::text[]) and status = 'open' and not locked`, [edited.id, plan.removed]);
    }
    await insertBlocks(tx, names, edited.id, row.resource, plan.added);
    await tx.query(
      `update ${names.series} set spec = $2::text::jsonb, open_ended = $3::text::boolean,
  materialized_until = case when $6::text::boolean then null else coalesce($4::text::timestamptz, materialized_until) end,
  spec_from = $5::text::timestamptz, updated_at = now() where id = $1::text`,
      [edited.id, JSON.stringify(edited), booleanParam(isOpenEnded(edited)), until === undefined ? null : instantParam(until), instantParam(start), booleanParam(whole)],
    );
    return {
      seriesId: edited.id,
      added: plan.added.map((block) => block.key).sort(),
      removed: plan.removed.sort(),
      kept: plan.kept.sort(),
      preserved: plan.preserved.sort(),
      heldByBookings,
    };
  });
}

/** The stored rows regenerate may look at, locked: those from `from` on, and any holding a key the edit produces. */
async function lockStoredBlocks(tx: Queryable, names: SqlNames, seriesId: string, from: number, next: readonly Block[]): Promise<StoredBlock[]> {
  const result = await tx.query(
    `select ${storedBlockColumns} from ${names.blocks} b
where b.series_id = $1::text and (lower(b.period) >= $2::text::timestamptz or b.key = any($3::text[]))
order by b.id
for update`,
    [seriesId, instantParam(from), next.map((block) => block.key)],
  );
  return rowsOf<StoredBlockRow>(result).map(blockFromRow);
}

interface Plan {
  added: Block[];
  removed: string[];
  kept: string[];
  preserved: string[];
}

function planChanges(stored: readonly StoredBlock[], next: readonly Block[], from: number, held: ReadonlySet<string>): Plan {
  const nextByKey = new Map(next.map((block) => [block.key, block]));
  const storedKeys = new Set<string>();
  const plan: Plan = { added: [], removed: [], kept: [], preserved: [] };
  for (const row of stored) {
    storedKeys.add(row.key);
    const wanted = nextByKey.get(row.key);
    const matches = wanted !== undefined && wanted.start === row.start && wanted.end === row.end && row.status !== 'cancelled';
    const modifiable = row.start >= from && row.status === 'open' && !row.locked && !held.has(row.key);
    if (matches) plan.kept.push(row.key);
    else if (modifiable) plan.removed.push(row.key);
    else if (wanted !== undefined || row.status !== 'cancelled') plan.preserved.push(row.key);
  }
  const removed = new Set(plan.removed);
  for (const block of next) if (!storedKeys.has(block.key) || removed.has(block.key)) plan.added.push(block);
  return plan;
}

/**
 * A held block stands in for the edited blocks that overlap it (the edit's block of that
 * day, under another key when the start time moved): they are not added, and the held
 * block's entry names them in `displaced`.
 */
function displaceByHeld(plan: Plan, stored: readonly StoredBlock[], held: readonly HeldBlock[]): HeldBlock[] {
  if (held.length === 0) return [];
  const rows = new Map(stored.map((row) => [row.key, row]));
  const displaced = new Map<string, string[]>(held.map((block) => [block.key, []]));
  plan.added = plan.added.filter((block) => {
    const over = held.find((h) => {
      const row = rows.get(h.key)!;
      return block.start < row.end && row.start < block.end;
    });
    if (over === undefined) return true;
    displaced.get(over.key)!.push(block.key);
    return false;
  });
  return held.map((block) => Object.freeze({ ...block, displaced: Object.freeze(displaced.get(block.key)!.sort()) }));
}
