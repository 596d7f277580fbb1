import { InvalidArgumentError } from '../errors.js';
import { toEpochMs } from '../expand/instant.js';
import type { InstantInput } from '../expand/types.js';
import { tzdataVersion } from '../time/tzdata.js';
import { Filters, readReadLimit } from './read-query.js';
import type { SchemaOptions } from './schema-options.js';
import { instantParam, readName, readOptions } from './series-row.js';

/** What `findStaleBlocks` and `reconcileTzdata` look at. Every field narrows; none given: every stored series. */
export interface StaleBlocksOptions extends SchemaOptions {
  /** Only these series (at most 10 000 ids). */
  seriesIds?: readonly string[];
  /** Only the series of this resource. */
  resource?: string;
  /** Only blocks that end after this instant (pass "now" to leave the past alone). Default: every stored block. */
  from?: InstantInput;
  /**
   * Also check blocks stored (or last confirmed) under the running tz database version.
   * Default `false`: such a block cannot be stale, so the nightly run reads only the blocks
   * an older version wrote. When the runtime reports no version (`'unknown'`) every block is checked.
   */
  allVersions?: boolean;
  /** Most stale blocks (and failed series) one call reports; more is an `ExpansionLimitError`. Default 10 000, at most 1 000 000. */
  limit?: number;
}

/** Most ids `seriesIds` takes: they travel as one array parameter. */
export const maxSeriesIds = 10_000;

/** The validated options: the SQL filters on blocks (aliased `b`) and the report's cap. */
export interface StaleScan {
  /** Fragments with `$?` placeholders and their values, for a `Filters`. */
  readonly blockFilters: ReadonlyArray<readonly [string, ...unknown[]]>;
  /** The same narrowing on series (aliased `s`), for choosing which series to reconcile. */
  readonly seriesFilters: ReadonlyArray<readonly [string, ...unknown[]]>;
  readonly limit: number;
  /** The version moved and confirmed blocks are stamped with. */
  readonly version: string;
}

/**
 * Validates the options shared by `findStaleBlocks` and `reconcileTzdata`.
 *
 * @throws {InvalidArgumentError} naming the bad field
 */
export function readStaleOptions<T extends StaleBlocksOptions>(options: T | undefined): T & { scan: StaleScan } {
  const opts = readOptions(options === undefined ? ({} as T) : options, '{ resource: "dr-ana" }');
  const version = tzdataVersion();
  const blockFilters: Array<readonly [string, ...unknown[]]> = [["b.status <> 'cancelled'"]];
  const seriesFilters: Array<readonly [string, ...unknown[]]> = [];
  if (opts.seriesIds !== undefined) {
    const ids = readSeriesIds(opts.seriesIds);
    blockFilters.push(['b.series_id = any($?::text[])', ids]);
    seriesFilters.push(['s.id = any($?::text[])', ids]);
  }
  if (opts.resource !== undefined) {
    const resource = readName(opts.resource, 'resource');
    blockFilters.push(['b.resource = $?::text', resource]);
    seriesFilters.push(['s.resource = $?::text', resource]);
  }
  if (opts.from !== undefined) blockFilters.push(['upper(b.period) > $?::text::timestamptz', instantParam(toEpochMs(opts.from, 'from'))]);
  if (opts.allVersions !== undefined && typeof opts.allVersions !== 'boolean') {
    throw new InvalidArgumentError('allVersions', `expected true or false, got ${typeof opts.allVersions}`);
  }
  if (opts.allVersions !== true && version !== 'unknown') blockFilters.push(['b.tzdata_version <> $?::text', version]);
  return { ...opts, scan: { blockFilters, seriesFilters, limit: readReadLimit(opts.limit), version } };
}

function readSeriesIds(value: unknown): string[] {
  if (!Array.isArray(value)) throw new InvalidArgumentError('seriesIds', 'expected an array of series ids');
  if (value.length === 0) throw new InvalidArgumentError('seriesIds', 'must name at least one series (omit it to check every series)');
  if (value.length > maxSeriesIds) throw new InvalidArgumentError('seriesIds', `has ${value.length} ids; at most ${maxSeriesIds} are allowed`);
  return value.map((id: unknown, i) => readName(id, `seriesIds[${i}]`));
}

/** `filters` with every fragment of `list` added. */
export function withFilters(filters: Filters, list: StaleScan['blockFilters']): Filters {
  for (const [fragment, ...values] of list) filters.add(fragment, ...values);
  return filters;
}
