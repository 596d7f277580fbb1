import { defineSeries } from '../series/define.js';
import type { Series, SeriesInput } from '../series/types.js';
import { type Database, rowsOf } from './queryable.js';
import { readQuery } from './read-query.js';
import { type SchemaOptions, sqlNames } from './schema-options.js';
import { readName } from './series-row.js';
import { epochMsSql } from './stored-block.js';

/** A stored series as `getSeries` reads it back. */
export interface StoredSeries {
  /** The spec as stored (after the last `regenerate`), validated again by `defineSeries`. */
  readonly series: Series;
  readonly resource: string;
  /** Live bookings allowed to overlap at any instant inside its blocks (`saveSeries`' `capacity`). */
  readonly capacity: number;
  /** Blocks are materialized up to here (epoch ms, exclusive); `null` when the whole series is stored. */
  readonly horizon: number | null;
  /** `cancelSeries`' point (epoch ms): nothing is materialized from there on; `null` when not cancelled. */
  readonly cancelledFrom: number | null;
}

interface Row {
  resource: string;
  spec: SeriesInput;
  capacity: number;
  until_ms: number | string | null;
  cancelled_ms: number | string | null;
}

/**
 * One stored series, read back: its spec as a `Series`, its resource, capacity and horizon.
 *
 * @param db - a PGlite instance, a pg `Pool` or a connected pg `Client`
 * @param id - the series id
 * @param options - `schema`, `prefix`
 * @returns the stored series, or `undefined` when no series has that id
 * @throws {InvalidArgumentError} for a bad `id`
 * @throws {SeriesValidationError} when the stored spec no longer validates (edited by hand)
 *
 * @example
 * const stored = await getSeries(pool, 'dr-ana-hours');
 * [stored.resource, stored.capacity, new Date(stored.horizon).toISOString()];
 * //=> ['dr-ana', 1, '2025-04-07T00:00:00.000Z']
 */
export async function getSeries(db: Database, id: string, options: SchemaOptions = {}): Promise<StoredSeries | undefined> {
  const names = sqlNames(options);
  const seriesId = readName(id, 'id');
  const result = await readQuery(db, 
    `select resource, spec, capacity, ${epochMsSql('materialized_until')} as until_ms, ${epochMsSql('cancelled_from')} as cancelled_ms
from ${names.series} where id = $1::text`,
    [seriesId],
  );
  const row = rowsOf<Row>(result)[0];
  if (row === undefined) return undefined;
  return Object.freeze({
    series: defineSeries(typeof row.spec === 'string' ? (JSON.parse(row.spec) as SeriesInput) : row.spec),
    resource: row.resource,
    capacity: Number(row.capacity),
    horizon: row.until_ms === null ? null : Number(row.until_ms),
    cancelledFrom: row.cancelled_ms === null ? null : Number(row.cancelled_ms),
  });
}
