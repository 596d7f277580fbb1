import { TimeblocksError } from '../errors.js';
import type { Series } from '../series/types.js';
import { type Database, rowsOf } from './queryable.js';
import { Filters, readQuery } from './read-query.js';
import { type SqlNames, sqlNames } from './schema-options.js';
import { type CandidateRow, candidateColumns, checkRows, compareStale, groupBySeries, seriesFromSpec, staleLimitError, type StaleBlock, staleBlockOf, type StaleCheckFailure } from './stale-blocks.js';
import { readStaleOptions, type StaleBlocksOptions, type StaleScan, withFilters } from './stale-options.js';

/** What `findStaleBlocks` found. */
export interface StaleBlocksReport {
  /** The stale blocks, sorted by series id, then key. */
  readonly stale: readonly StaleBlock[];
  /** Series whose blocks could not be checked (their stored spec no longer validates, say), by id. */
  readonly failed: readonly StaleCheckFailure[];
}

/** Rows read per statement: memory stays bounded by this and the report, whatever the table holds. */
export const staleScanBatch = 2_000;

/**
 * Lists the stored blocks whose instants are wrong under the running tz database.
 *
 * A country changes its rules (Mexico dropped DST in 2022); the runtime's tz data follows
 * with a Node or ICU upgrade; blocks stored earlier still carry the instants the old rules
 * gave. Each stored block is checked against what its series' stored spec gives for its
 * key now: it is stale when its start or end differ, or when the spec gives that key no
 * occurrence any more. Only live blocks (not cancelled ones) are checked, and only those
 * the stored spec governs (from its last `regenerate` on). By default only blocks written
 * under another tz database version are read: those written or confirmed under the running
 * one cannot be stale. Reading is batched (2 000 rows a statement, each series expanded
 * only around its rows), so memory is bounded by `limit` whatever the table holds.
 * Nothing is written: `reconcileTzdata` moves what can be moved.
 *
 * @param db - a pg `Pool` or connected `Client`, a PGlite instance, a postgres.js instance or a Kysely instance (see `Database`)
 * @param options - optional `seriesIds`, `resource`, `from`, `allVersions`, `limit`, `schema`, `prefix`
 * @returns the stale blocks (stored and current instants, stored `tzdata_version`, status) and the series that could not be checked
 * @throws {ExpansionLimitError} when more than `limit` stale blocks and failed series are found (narrow with `seriesIds` or `resource`)
 * @throws {InvalidArgumentError} for a bad `seriesIds`, `resource`, `from`, `allVersions` or `limit`
 * @throws {InvalidArgumentError} naming `db` when it is none of the accepted kinds
 * @throws {DatabaseError} when the database or the driver fails
 *
 * @example
 * const { stale } = await findStaleBlocks(pool, { resource: 'dr-ana', from: Date.now() });
 * stale[0];
 * //=> { seriesId: 'dr-ana-hours', key: '2025-06-02T09:00', resource: 'dr-ana', status: 'open', locked: false,
 * //     stored: { start: 1748872800000, end: 1748901600000 }, current: { start: 1748876400000, end: 1748905200000 }, tzdataVersion: '2022a' }
 */
export async function findStaleBlocks(db: Database, options: StaleBlocksOptions = {}): Promise<StaleBlocksReport> {
  const opts = readStaleOptions(options);
  const names = sqlNames(opts);
  const { scan } = opts;
  const stale: StaleBlock[] = [];
  const failed: StaleCheckFailure[] = [];
  const failedIds = new Set<string>();
  const specs = new SpecCache();
  let cursor: readonly [string, string] | undefined;
  for (;;) {
    const rows = await readCandidates(db, names, scan, cursor);
    if (rows.length === 0) break;
    const last = rows.at(-1)!;
    cursor = [last.series_id, last.key];
    const bySeries = groupBySeries(rows);
    await specs.load(db, names, [...bySeries.keys()]);
    for (const [seriesId, seriesRows] of bySeries) {
      // A series that failed in an earlier batch is reported once.
      if (failedIds.has(seriesId)) continue;
      try {
        const series = specs.get(seriesId);
        if (series === undefined) continue; // deleted since the rows were read
        for (const checked of checkRows(series, seriesRows)) if (checked.stale) stale.push(staleBlockOf(checked));
      } catch (error) {
        if (!(error instanceof TimeblocksError)) throw error;
        failed.push(Object.freeze({ seriesId, error }));
        failedIds.add(seriesId);
      }
    }
    if (stale.length + failed.length > scan.limit) throw staleLimitError('findStaleBlocks', scan.limit);
    if (rows.length < staleScanBatch) break;
  }
  stale.sort(compareStale);
  failed.sort((a, b) => compareStale({ seriesId: a.seriesId, key: '' }, { seriesId: b.seriesId, key: '' }));
  return Object.freeze({ stale: Object.freeze(stale), failed: Object.freeze(failed) });
}

/** One batch of candidate rows after `cursor`, in (series id, key) order: the unique index's order. */
async function readCandidates(db: Database, names: SqlNames, scan: StaleScan, cursor: readonly [string, string] | undefined): Promise<CandidateRow[]> {
  const filters = withFilters(new Filters(), scan.blockFilters).add('(s.spec_from is null or lower(b.period) >= s.spec_from)');
  if (cursor !== undefined) filters.add('(b.series_id, b.key) > ($?::text, $?::text)', cursor[0], cursor[1]);
  const result = await readQuery(
    db,
    `select ${candidateColumns} from ${names.blocks} b join ${names.series} s on s.id = b.series_id and s.resource = b.resource
where ${filters.where}
order by b.series_id, b.key
limit ${filters.next(staleScanBatch)}::text::int`,
    filters.params,
  );
  return rowsOf<CandidateRow>(result);
}

/** The specs of the series being scanned, parsed once each; only the last batch's are kept. */
class SpecCache {
  private specs = new Map<string, Series | TimeblocksError>();
  async load(db: Database, names: SqlNames, ids: readonly string[]): Promise<void> {
    const kept = new Map([...this.specs].filter(([id]) => ids.includes(id)));
    const missing = ids.filter((id) => !kept.has(id));
    if (missing.length > 0) {
      const result = await readQuery(db, `select id, spec from ${names.series} where id = any($1::text[])`, [missing]);
      for (const row of rowsOf<{ id: string; spec: unknown }>(result)) {
        try {
          kept.set(row.id, seriesFromSpec(row.spec));
        } catch (error) {
          if (!(error instanceof TimeblocksError)) throw error;
          kept.set(row.id, error);
        }
      }
    }
    this.specs = kept;
  }
  /** The parsed spec; throws the error parsing it gave. */
  get(id: string): Series | undefined {
    const spec = this.specs.get(id);
    if (spec instanceof TimeblocksError) throw spec;
    return spec;
  }
}
