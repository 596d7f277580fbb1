import type { Block } from '../expand/types.js';
import { BlockConflictError } from './errors.js';
import { type Queryable, rowsOf } from './queryable.js';
import type { SqlNames } from './schema-options.js';
import { existingBlockFromRow, liveBlockColumns, type LiveBlockRow } from './stored-block.js';

/** New blocks as parallel columns, one entry per block, in the order a clash is reported. */
export interface NewBlockColumns {
  readonly seriesIds: readonly string[];
  readonly resources: readonly string[];
  readonly keys: readonly string[];
  /** ISO 8601 UTC text, as the inserts send it. */
  readonly starts: readonly string[];
  readonly ends: readonly string[];
  readonly blocks: readonly Block[];
}

interface ConflictRow extends LiveBlockRow {
  ordinal: number | string;
}

/**
 * After an exclusion violation was rolled back: the first new block (in column order) that
 * overlaps a live stored block of its resource, with that block. Blocks already stored
 * under their own (series, key) were never new, so they are skipped. `undefined` when the
 * row that was hit has gone meanwhile (the caller retries).
 */
export async function findFirstConflict(tx: Queryable, names: SqlNames, c: NewBlockColumns): Promise<BlockConflictError | undefined> {
  const result = await tx.query(
    `select n.ordinal, ${liveBlockColumns}
from unnest($1::text[], $2::text[], $3::text[], $4::text[]::timestamptz[], $5::text[]::timestamptz[]) with ordinality as n(series_id, resource, key, start_at, end_at, ordinal)
join ${names.blocks} b on b.resource = n.resource and b.status <> 'cancelled' and b.period && tstzrange(n.start_at, n.end_at, '[)')
where not exists (select 1 from ${names.blocks} same where same.series_id = n.series_id and same.key = n.key)
order by n.ordinal, lower(b.period), b.series_id, b.key
limit 1`,
    [c.seriesIds, c.resources, c.keys, c.starts, c.ends],
  );
  const row = rowsOf<ConflictRow>(result)[0];
  if (row === undefined) return undefined;
  const index = Number(row.ordinal) - 1;
  return new BlockConflictError(c.blocks[index]!, c.resources[index]!, existingBlockFromRow(row));
}
