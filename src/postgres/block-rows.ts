import type { Block } from '../expand/types.js';
import { tzdataVersion } from '../time/tzdata.js';
import { type Queryable, rowsOf } from './queryable.js';
import type { SqlNames } from './schema-options.js';
import { instantParam } from './series-row.js';

/**
 * New blocks of many series as one array per column, for `unnest`: any number of blocks
 * is one statement with seven bind parameters. Instants travel as ISO 8601 UTC text,
 * which PostgreSQL parses exactly (epoch-ms floats would round past 2255).
 */
export class BlockColumns {
  readonly seriesIds: string[] = [];
  readonly resources: string[] = [];
  readonly keys: string[] = [];
  readonly starts: string[] = [];
  readonly ends: string[] = [];
  readonly adjusted: string[] = [];
  /** The blocks themselves, in column order, for naming one in a `BlockConflictError`. */
  readonly blocks: Block[] = [];

  push(seriesId: string, resource: string, block: Block): void {
    this.seriesIds.push(seriesId);
    this.resources.push(resource);
    this.keys.push(block.key);
    this.starts.push(new Date(block.start).toISOString());
    this.ends.push(new Date(block.end).toISOString());
    this.adjusted.push(block.adjusted === undefined ? '' : JSON.stringify(block.adjusted));
    this.blocks.push(block);
  }

  get length(): number {
    return this.keys.length;
  }

  /** `$1`–`$7` of `blockRowsSql`. */
  params(): unknown[] {
    return [this.seriesIds, this.resources, this.keys, this.starts, this.ends, this.adjusted, tzdataVersion()];
  }
}

/** The blocks table's insert column list, and the rows of `BlockColumns.params()` for it. */
export function insertBlockRowsSql(names: SqlNames): string {
  return `insert into ${names.blocks} (series_id, key, resource, period, tzdata_version, adjusted)
  select n.series_id, n.key, n.resource, tstzrange(n.start_at, n.end_at, '[)'), $7::text, nullif(n.adjusted, '')::jsonb
  from unnest($1::text[], $2::text[], $3::text[], $4::text[]::timestamptz[], $5::text[]::timestamptz[], $6::text[]) as n(series_id, resource, key, start_at, end_at, adjusted)`;
}

/**
 * Inserts the blocks, leaving any whose (series, key) is already stored as it is (that
 * makes re-runs idempotent); the conflict target is explicit, so an overlap is never
 * swallowed but fails the statement (`23P01`). The rows each series gained.
 */
export async function insertNewBlocks(tx: Queryable, names: SqlNames, columns: BlockColumns): Promise<Map<string, number>> {
  const result = await tx.query(
    `with inserted as (
  ${insertBlockRowsSql(names)}
  on conflict (series_id, key, resource) do nothing
  returning series_id
)
select series_id, count(*)::int as added from inserted group by series_id`,
    columns.params(),
  );
  return new Map(rowsOf<{ series_id: string; added: number | string }>(result).map((row) => [row.series_id, Number(row.added)]));
}

/** Moves each series' horizon (materialized up to, exclusive) in one statement, each row found by its whole key. */
export async function moveHorizons(
  tx: Queryable,
  names: SqlNames,
  horizons: ReadonlyArray<{ readonly seriesId: string; readonly resource: string; readonly until: number }>,
): Promise<void> {
  if (horizons.length === 0) return;
  await tx.query(
    `update ${names.series} s set materialized_until = n.until, updated_at = now()
from unnest($1::text[], $2::text[], $3::text[]::timestamptz[]) as n(id, resource, until) where s.id = n.id and s.resource = n.resource`,
    [horizons.map((h) => h.seriesId), horizons.map((h) => h.resource), horizons.map((h) => instantParam(h.until))],
  );
}
