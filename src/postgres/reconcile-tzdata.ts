import { TimeblocksError } from '../errors.js';
import type { Series } from '../series/types.js';
import type { DriverTransaction } from './driver/driver.js';
import { blocksHoldingBookings } from './held-blocks.js';
import { type Move, moveStaleBlocks } from './move-stale-blocks.js';
import { type Database, rowsOf } from './queryable.js';
import { Filters } from './read-query.js';
import { type SqlNames, sqlNames } from './schema-options.js';
import { lockSeriesRow, readName, type SeriesRow } from './series-row.js';
import { type CandidateRow, candidateColumns, type CheckedRow, checkRows, compareStale, seriesFromSpec, type StaleBlock, staleBlockOf, type StaleCheckFailure, staleLimitError } from './stale-blocks.js';
import { readStaleOptions, type StaleBlocksOptions, type StaleScan, withFilters } from './stale-options.js';
import type { ExistingBlock } from './stored-block.js';
import { AdapterSignal, inTransaction } from './transaction.js';

/** Options of `reconcileTzdata`. */
export interface ReconcileTzdataOptions extends StaleBlocksOptions {
  /** Only series whose id sorts after this one (the `next` of an earlier report): where a run that hit `limit` goes on. */
  after?: string;
}

/** A stale block that live bookings hold (or whose status is `booked`): left as it is. */
export interface BookedStaleBlock extends StaleBlock {
  /** The live bookings lying in it, by id (empty for a whole-block booking, status `booked`, without any). */
  readonly bookingIds: readonly string[];
}

/** A stale block that could not move because its new period overlaps another live block of the resource. */
export interface ClashedStaleBlock extends StaleBlock {
  /** The block it would hit (a block of the same series that stays put, too). */
  readonly existing: ExistingBlock;
}

/** What `reconcileTzdata` did. Every list is sorted by series id, then key. */
export interface ReconcileTzdataReport {
  /** Open, unlocked blocks now at their current period, stamped with the running tz version. */
  readonly moved: readonly StaleBlock[];
  /** Open blocks that would overlap another live block where they belong now: left as they were. */
  readonly clashed: readonly ClashedStaleBlock[];
  /** Blocks whose status is `booked`, or open ones live bookings lie in: never moved; the application decides. */
  readonly booked: readonly BookedStaleBlock[];
  /** Blocks whose status is `blocked`: never moved. */
  readonly blocked: readonly StaleBlock[];
  /** Open blocks that are locked (`lockBlock`): never moved. */
  readonly locked: readonly StaleBlock[];
  /** Blocks whose key the spec no longer gives at all under the running tz data (`dst.nonexistent: 'skip'`): left as they are. */
  readonly vanished: readonly StaleBlock[];
  /** Series that could not be reconciled (their stored spec no longer validates, say): each left as it was. */
  readonly failed: readonly StaleCheckFailure[];
  /**
   * Set when the run stopped because the next series would take the report past `limit`:
   * call again with `after: next` to go on. `undefined` when every series was seen.
   */
  readonly next: string | undefined;
}

interface SeriesReport {
  moved: StaleBlock[];
  clashed: ClashedStaleBlock[];
  booked: BookedStaleBlock[];
  blocked: StaleBlock[];
  locked: StaleBlock[];
  vanished: StaleBlock[];
}

/** Series ids read per statement when choosing the series to reconcile. */
const seriesPage = 500;

/** Thrown out of a series' transaction to roll it back when its report would not fit. */
class ReportFull extends AdapterSignal {}

/**
 * Moves the stored blocks that the running tz database puts elsewhere, series by series.
 *
 * Checks what `findStaleBlocks` checks; then, in one transaction per series (its row
 * locked, as `regenerate` locks it), every stale open, unlocked block that no live booking
 * lies in moves to the period its spec gives now, and is stamped with the running tz
 * version. Moves go through the exclusion constraint: one that would overlap another live
 * block of the resource is reported in `clashed` and not made. Booked, blocked and locked
 * blocks, and open ones holding live bookings, are never moved: they are reported, for the
 * application to decide (tell the patient the real time, or move the booking). Blocks
 * checked and found right are stamped with the running version (that column only), so the
 * next run skips them. A series that fails is reported in `failed` and the others go on.
 *
 * @param db - a pg `Pool` or connected `Client`, a PGlite instance, a postgres.js instance or a Kysely instance (see `Database`)
 * @param options - optional `seriesIds`, `resource`, `from`, `allVersions`, `limit`, `after`, `schema`, `prefix`
 * @returns the blocks moved, clashed, booked, blocked, locked and vanished, the series that failed, and where to go on
 * @throws {InvalidArgumentError} for a bad `seriesIds`, `resource`, `from`, `allVersions`, `limit` or `after`
 * @throws {InvalidArgumentError} naming `db` when it is none of the accepted kinds, or a connection already inside a transaction of the caller's (pass the pool, or a connection outside one)
 * @throws {TransactionRetryError} when deadlocks or vanished rows made every retry of a series' transaction fail
 * @throws {DatabaseError} when the database or the driver fails
 *
 * @example
 * const report = await reconcileTzdata(pool, { from: Date.now() });
 * [report.moved.length, report.booked.map((block) => block.bookingIds)];
 * //=> [212, [['7301'], ['7388']]]
 */
export async function reconcileTzdata(db: Database, options: ReconcileTzdataOptions = {}): Promise<ReconcileTzdataReport> {
  const opts = readStaleOptions(options);
  const names = sqlNames(opts);
  const { scan } = opts;
  let after = opts.after === undefined ? undefined : readName(opts.after, 'after');
  const total: SeriesReport = { moved: [], clashed: [], booked: [], blocked: [], locked: [], vanished: [] };
  const failed: StaleCheckFailure[] = [];
  let reported = 0;
  let next: string | undefined;
  pages: for (;;) {
    const ids = await seriesToCheck(db, names, scan, after);
    for (const id of ids) {
      try {
        const report = await inTransaction(db, (tx) => reconcileSeries(tx, names, scan, id, scan.limit - reported));
        for (const field of Object.keys(total) as Array<keyof SeriesReport>) for (const item of report[field]) (total[field] as StaleBlock[]).push(item);
        reported += Object.values(report).reduce((sum, list) => sum + list.length, 0);
      } catch (error) {
        if (error instanceof ReportFull) {
          next = after;
          break pages;
        }
        if (!(error instanceof TimeblocksError)) throw error;
        failed.push(Object.freeze({ seriesId: id, error }));
        reported += 1;
      }
      after = id;
    }
    if (ids.length < seriesPage) break;
  }
  const sorted = <T extends StaleBlock>(list: T[]): readonly T[] => Object.freeze(list.sort(compareStale));
  return Object.freeze({
    moved: sorted(total.moved),
    clashed: sorted(total.clashed),
    booked: sorted(total.booked),
    blocked: sorted(total.blocked),
    locked: sorted(total.locked),
    vanished: sorted(total.vanished),
    failed: Object.freeze(failed),
    next,
  });
}

/** The next page of series, by id, that hold candidate blocks. */
async function seriesToCheck(db: Database, names: SqlNames, scan: StaleScan, after: string | undefined): Promise<string[]> {
  const filters = withFilters(new Filters(), scan.seriesFilters);
  // The block filters, joined, take their values in the same order as one fragment.
  filters.add(
    `exists (select 1 from ${names.blocks} b where b.series_id = s.id and b.resource = s.resource and ${scan.blockFilters.map(([fragment]) => fragment).join(' and ')})`,
    ...scan.blockFilters.flatMap(([, ...values]) => values),
  );
  if (after !== undefined) filters.add('s.id > $?::text', after);
  const text = `select s.id from ${names.series} s where ${filters.where} order by s.id limit ${filters.next(String(seriesPage))}::text::int`;
  const result = await inTransaction(db, (tx) => tx.query(text, filters.params));
  return rowsOf<{ id: string }>(result).map((row) => row.id);
}

/** One series' transaction: lock, check its candidate rows page by page, stamp the right ones, move the stale ones. */
async function reconcileSeries(tx: DriverTransaction, names: SqlNames, scan: StaleScan, id: string, room: number): Promise<SeriesReport> {
  const report: SeriesReport = { moved: [], clashed: [], booked: [], blocked: [], locked: [], vanished: [] };
  const row = await lockSeriesRow(tx, names, id);
  if (row === undefined) return report;
  const series = seriesFromSpec(row.spec);
  const stale = await checkSeriesRows(tx, names, scan, series, row, room);
  if (stale.length === 0) return report;
  const held = new Map(
    (await blocksHoldingBookings(tx, names, id, stale.filter((c) => c.current !== null && c.row.status !== 'blocked').map((c) => c.row.key), 'moved')).map((h) => [h.key, h.bookingIds]),
  );
  const moves: Move[] = [];
  for (const checked of stale) {
    const block = staleBlockOf(checked);
    const bookingIds = held.get(block.key);
    if (checked.current === null) report.vanished.push(block);
    else if (block.status === 'booked' || (block.status === 'open' && bookingIds !== undefined)) report.booked.push(Object.freeze({ ...block, bookingIds: bookingIds ?? Object.freeze([]) }));
    else if (block.status === 'blocked') report.blocked.push(block);
    else if (block.locked) report.locked.push(block);
    else moves.push({ row: checked.row, to: checked.current });
  }
  const outcome = await moveStaleBlocks(tx, names, moves, scan.version);
  for (const move of outcome.moved) report.moved.push(staleBlockOf({ row: move.row, current: move.to, stale: true }));
  for (const { move, existing } of outcome.clashed) {
    report.clashed.push(Object.freeze({ ...staleBlockOf({ row: move.row, current: move.to, stale: true }), existing: Object.freeze({ ...existing }) }));
  }
  return report;
}

/**
 * Reads the series' candidate rows in pages (locked `FOR UPDATE`), checks each page,
 * stamps the rows found right with the running version, and returns the stale ones.
 *
 * @throws {ReportFull} when the stale rows would not fit in `room`
 */
async function checkSeriesRows(tx: DriverTransaction, names: SqlNames, scan: StaleScan, series: Series, stored: SeriesRow, room: number): Promise<CheckedRow[]> {
  const { id, resource, specFrom } = stored;
  const stale: CheckedRow[] = [];
  let cursor: string | undefined;
  for (;;) {
    const filters = withFilters(new Filters(), scan.blockFilters).add('b.series_id = $?::text and b.resource = $?::text', id, resource);
    if (Number.isFinite(specFrom)) filters.add('lower(b.period) >= $?::text::timestamptz', new Date(specFrom).toISOString());
    if (cursor !== undefined) filters.add('b.key > $?::text', cursor);
    const result = await tx.query(
      `select ${candidateColumns} from ${names.blocks} b where ${filters.where} order by b.key limit ${filters.next(pageSize)}::text::int for update`,
      filters.params,
    );
    const rows = rowsOf<CandidateRow>(result);
    if (rows.length === 0) break;
    cursor = rows.at(-1)!.key;
    const checked = checkRows(series, rows);
    const right = checked.filter((c) => !c.stale).map((c) => c.row.id);
    if (right.length > 0 && scan.version !== 'unknown') {
      await tx.query(`update ${names.blocks} set tzdata_version = $2::text where resource = $3::text and id = any($1::text[]::bigint[]) and tzdata_version <> $2::text`, [
        right,
        scan.version,
        resource,
      ]);
    }
    for (const c of checked) if (c.stale) stale.push(c); // a loop: a series may have more stale blocks than a spread can pass
    if (stale.length > room) {
      // A series alone past the cap is its own failure; otherwise stop before it.
      if (room < scan.limit) throw new ReportFull();
      throw staleLimitError('reconcileTzdata', scan.limit);
    }
    if (rows.length < pageSize) break;
  }
  return stale;
}

const pageSize = 2_000;
