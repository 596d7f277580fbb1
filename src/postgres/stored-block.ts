import type { Adjusted, Block } from '../expand/types.js';

/** A stored block's status. Only `cancelled` blocks may overlap others. */
export type BlockStatus = 'open' | 'booked' | 'blocked' | 'cancelled';

/** The stored block a new one ran into. */
export interface ExistingBlock {
  readonly seriesId: string;
  readonly key: string;
  readonly resource: string;
  /** The stored period `[start, end)` in epoch milliseconds. */
  readonly start: number;
  readonly end: number;
  readonly status: BlockStatus;
}

/** A block as stored: the core's block plus where and how it is booked. */
export interface StoredBlock extends Block {
  readonly resource: string;
  readonly status: BlockStatus;
  /** A locked block is never changed by `regenerate` or `cancelSeries`. */
  readonly locked: boolean;
  /** The tz database version the block was computed with (`tzdataVersion()`). */
  readonly tzdataVersion: string;
  /** The application's own data (a booking reference, …). */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Identifies one stored block. */
export interface BlockRef {
  readonly seriesId: string;
  readonly key: string;
}

/** Epoch milliseconds of a timestamptz expression, exact: `extract` gives numeric seconds (float before PostgreSQL 14, which rounds to the same ms). */
export function epochMsSql(timestamp: string): string {
  return `round(extract(epoch from ${timestamp}) * 1000)::float8`;
}

/** The select list of a `LiveBlockRow` (what `existingBlockFromRow` reads), for a blocks table aliased `b`. */
export const liveBlockColumns = [
  'b.series_id',
  'b.key',
  'b.resource',
  `${epochMsSql('lower(b.period)')} as start_ms`,
  `${epochMsSql('upper(b.period)')} as end_ms`,
  'b.status',
].join(', ');

/** The select list that `blockFromRow` reads, for a blocks table aliased `b`. */
export const storedBlockColumns = `${liveBlockColumns}, b.locked, b.tzdata_version, b.adjusted, b.metadata`;

/** The columns that name a stored block and its period, as every lookup selects them. */
export interface LiveBlockRow {
  series_id: string;
  key: string;
  resource: string;
  start_ms: number | string;
  end_ms: number | string;
  status: BlockStatus;
}

/** Such a row as the `existing` block of a `BlockConflictError`. */
export function existingBlockFromRow(row: LiveBlockRow): ExistingBlock {
  return { seriesId: row.series_id, key: row.key, resource: row.resource, start: Number(row.start_ms), end: Number(row.end_ms), status: row.status };
}

export interface StoredBlockRow extends LiveBlockRow {
  locked: boolean;
  tzdata_version: string;
  adjusted: Adjusted | null;
  metadata: Record<string, unknown>;
}

/** A row selected with `storedBlockColumns` as a frozen `StoredBlock`. */
export function blockFromRow(row: StoredBlockRow): StoredBlock {
  const block: StoredBlock = {
    seriesId: row.series_id,
    key: row.key,
    start: Number(row.start_ms),
    end: Number(row.end_ms),
    ...(row.adjusted === null ? {} : { adjusted: Object.freeze({ ...row.adjusted }) }),
    resource: row.resource,
    status: row.status,
    locked: row.locked,
    tzdataVersion: row.tzdata_version,
    metadata: Object.freeze({ ...row.metadata }),
  };
  return Object.freeze(block);
}
