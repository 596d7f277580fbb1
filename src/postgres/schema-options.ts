import { InvalidArgumentError } from '../errors.js';
import { maxIdentifierBytes, quoteIdentifier, validateIdentifier } from './identifiers.js';

/** Where the adapter's tables live. Every adapter function accepts these options. */
export interface SchemaOptions {
  /** Schema of the tables. Default `public`. Any name: it is always quoted. */
  schema?: string;
  /** Prefix of every table, index and constraint name. Default `timeblocks_`. */
  prefix?: string;
}

/** Quoted, schema-qualified names of everything the adapter creates. */
export interface SqlNames {
  readonly schema: string;
  readonly series: string;
  readonly blocks: string;
  /** Unqualified (constraint and index names live in the schema or on the table). */
  readonly seriesKey: string;
  readonly blocksKey: string;
  readonly blocksNoOverlap: string;
  readonly blocksSeriesKey: string;
  readonly blocksSeriesFk: string;
  readonly blocksStatusCheck: string;
  readonly blocksPeriodCheck: string;
  readonly blocksSeriesStartIndex: string;
  readonly seriesOpenEndedIndex: string;
  readonly seriesCapacityCheck: string;
  readonly bookings: string;
  readonly bookingsKey: string;
  readonly bookingsNoOverlap: string;
  readonly bookingsStatusCheck: string;
  readonly bookingsPeriodCheck: string;
  readonly bookingsSeatCheck: string;
  readonly bookingsIdIndex: string;
  readonly bookingsRefIndex: string;
}

const defaultSchema = 'public';
const defaultPrefix = 'timeblocks_';

// Suffixes appended to the prefix; the longest bounds how long a prefix may be.
const suffixes = {
  series: 'series',
  blocks: 'blocks',
  seriesKey: 'series_pkey',
  blocksKey: 'blocks_pkey',
  blocksNoOverlap: 'blocks_no_overlap',
  blocksSeriesKey: 'blocks_series_key',
  blocksSeriesFk: 'blocks_series_fkey',
  blocksStatusCheck: 'blocks_status_check',
  blocksPeriodCheck: 'blocks_period_check',
  blocksSeriesStartIndex: 'blocks_series_start_idx',
  seriesOpenEndedIndex: 'series_open_ended_idx',
  seriesCapacityCheck: 'series_capacity_check',
  bookings: 'bookings',
  bookingsKey: 'bookings_pkey',
  bookingsNoOverlap: 'bookings_no_overlap',
  bookingsStatusCheck: 'bookings_status_check',
  bookingsPeriodCheck: 'bookings_period_check',
  bookingsSeatCheck: 'bookings_seat_check',
  bookingsIdIndex: 'bookings_id_idx',
  bookingsRefIndex: 'bookings_ref_idx',
} as const;
const longestSuffixBytes = Math.max(...Object.values(suffixes).map((suffix) => suffix.length));

/**
 * Validates `schema` and `prefix` and builds every quoted name from them.
 *
 * @throws {InvalidArgumentError} naming `schema` or `prefix` when one is not a usable name
 */
export function sqlNames(options: SchemaOptions | undefined): SqlNames {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new InvalidArgumentError('options', 'expected an object such as { schema, prefix }');
  }
  const schema = validateIdentifier(options?.schema ?? defaultSchema, 'schema');
  const rawPrefix = options?.prefix ?? defaultPrefix;
  // The empty prefix is allowed: plain `series` and `blocks` tables.
  const prefix = rawPrefix === '' ? '' : validateIdentifier(rawPrefix, 'prefix', maxIdentifierBytes - longestSuffixBytes);
  const qualified = (suffix: string): string => `${quoteIdentifier(schema)}.${quoteIdentifier(prefix + suffix)}`;
  const bare = (suffix: string): string => quoteIdentifier(prefix + suffix);
  return {
    schema: quoteIdentifier(schema),
    series: qualified(suffixes.series),
    blocks: qualified(suffixes.blocks),
    seriesKey: bare(suffixes.seriesKey),
    blocksKey: bare(suffixes.blocksKey),
    blocksNoOverlap: bare(suffixes.blocksNoOverlap),
    blocksSeriesKey: bare(suffixes.blocksSeriesKey),
    blocksSeriesFk: bare(suffixes.blocksSeriesFk),
    blocksStatusCheck: bare(suffixes.blocksStatusCheck),
    blocksPeriodCheck: bare(suffixes.blocksPeriodCheck),
    blocksSeriesStartIndex: bare(suffixes.blocksSeriesStartIndex),
    seriesOpenEndedIndex: bare(suffixes.seriesOpenEndedIndex),
    seriesCapacityCheck: bare(suffixes.seriesCapacityCheck),
    bookings: qualified(suffixes.bookings),
    bookingsKey: bare(suffixes.bookingsKey),
    bookingsNoOverlap: bare(suffixes.bookingsNoOverlap),
    bookingsStatusCheck: bare(suffixes.bookingsStatusCheck),
    bookingsPeriodCheck: bare(suffixes.bookingsPeriodCheck),
    bookingsSeatCheck: bare(suffixes.bookingsSeatCheck),
    bookingsIdIndex: bare(suffixes.bookingsIdIndex),
    bookingsRefIndex: bare(suffixes.bookingsRefIndex),
  };
}
