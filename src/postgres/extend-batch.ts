import { TimeblocksError } from '../errors.js';
import type { Block } from '../expand/types.js';
import { defineSeries } from '../series/define.js';
import type { SeriesInput } from '../series/types.js';
import { tzdataVersion } from '../time/tzdata.js';
import type { BlockConflictError } from './errors.js';
import { assertStorable, findSelfOverlap } from './insert-blocks.js';
import { type Queryable, rowsOf } from './queryable.js';
import type { SqlNames } from './schema-options.js';
import { expandWindow, instantParam, type RawSeriesRow, type SeriesRow, seriesRowColumns, seriesRowFrom } from './series-row.js';

/** What the nightly job did with one series. */
export type HorizonOutcome =
  | { readonly seriesId: string; readonly kind: 'extended'; readonly added: number }
  | { readonly seriesId: string; readonly kind: 'conflict'; readonly error: BlockConflictError }
  | { readonly seriesId: string; readonly kind: 'failed'; readonly error: TimeblocksError };

/** Which due series a batch takes: the next page after an id (keyset), or the given ids. */
export type BatchSelection = { readonly after: string; readonly limit: number } | { readonly ids: readonly string[] };

/**
 * Most new blocks one INSERT carries. A batch's blocks go in chunks of this many, so a
 * statement's parameters stay around a megabyte (ten thousand rows of ~100 bytes) and the
 * process holds one chunk, not a batch's whole expansion.
 */
export const blocksPerStatement = 10_000;

/**
 * Rolls one batch of due series forward to `until` inside `tx`, set-based: one statement
 * locks the batch's series rows (`FOR UPDATE`, in id order, so concurrent runs queue
 * rather than deadlock, and a row another transaction changed meanwhile is re-checked
 * against "due"), each series expands in JS, the new blocks go in with one
 * `INSERT … SELECT FROM unnest(…)` per `blocksPerStatement` blocks, and one UPDATE moves
 * every extended series' horizon.
 *
 * A series that fails before any SQL (its stored spec no longer validates, it expands
 * past the limit, its own blocks overlap) is reported and left out; a failure of the
 * SQL (a clash with a stored block, a trigger's refusal) rejects the whole batch, and the
 * caller isolates the series at fault. `locked` hears the ids as soon as they are locked.
 *
 * @returns one outcome per locked series, in id order
 */
export async function extendBatch(
  tx: Queryable,
  names: SqlNames,
  until: number,
  selection: BatchSelection,
  locked: (ids: readonly string[]) => void,
): Promise<HorizonOutcome[]> {
  const rows = await lockDueRows(tx, names, until, selection);
  locked(rows.map((row) => row.id));
  const outcomes: HorizonOutcome[] = [];
  const writer = new BlockWriter(tx, names);
  const moved: Array<{ seriesId: string; end: number }> = [];
  for (const row of rows) {
    const end = Math.min(until, row.cancelledFrom);
    const blocks = newBlocks(row, end);
    if (!Array.isArray(blocks)) {
      outcomes.push(blocks);
      continue;
    }
    await writer.add(row, blocks);
    moved.push({ seriesId: row.id, end });
  }
  const added = await writer.finish();
  if (moved.length > 0) {
    await tx.query(
      `update ${names.series} s set materialized_until = n.until, updated_at = now()
from unnest($1::text[], $2::text[]::timestamptz[]) as n(id, until) where s.id = n.id`,
      [moved.map((m) => m.seriesId), moved.map((m) => instantParam(m.end))],
    );
  }
  for (const { seriesId } of moved) outcomes.push({ seriesId, kind: 'extended', added: added.get(seriesId) ?? 0 });
  const order = new Map(rows.map((row, i) => [row.id, i]));
  return outcomes.sort((a, b) => order.get(a.seriesId)! - order.get(b.seriesId)!);
}

/**
 * The due series of the selection, locked. "Due" is the same test as the nightly job has
 * always made: never-ending, materialized short of `until`, not cancelled at its horizon.
 */
async function lockDueRows(tx: Queryable, names: SqlNames, until: number, selection: BatchSelection): Promise<SeriesRow[]> {
  const due = `open_ended and materialized_until < $1::text::timestamptz and (cancelled_from is null or materialized_until < cancelled_from)`;
  const result =
    'ids' in selection
      ? await tx.query(`select ${seriesRowColumns} from ${names.series} where ${due} and id = any($2::text[]) order by id for update`, [instantParam(until), selection.ids])
      : await tx.query(`select ${seriesRowColumns} from ${names.series} where ${due} and id > $2::text order by id limit $3::text::int for update`, [
          instantParam(until),
          selection.after,
          String(selection.limit),
        ]);
  return rowsOf<RawSeriesRow>(result).map(seriesRowFrom);
}

/** The blocks between a series' horizon and `end`, or why it cannot have them (decided without SQL). */
function newBlocks(row: SeriesRow, end: number): Block[] | HorizonOutcome {
  const start = row.materializedUntil;
  try {
    const series = defineSeries(row.spec as SeriesInput);
    const blocks = expandWindow(series, start, end).filter((block) => block.start >= start);
    assertStorable(blocks);
    const overlap = findSelfOverlap(blocks, row.resource);
    return overlap === undefined ? blocks : { seriesId: row.id, kind: 'conflict', error: overlap };
  } catch (error) {
    if (error instanceof TimeblocksError) return { seriesId: row.id, kind: 'failed', error };
    throw error;
  }
}

/**
 * Collects new blocks as one array per column and inserts them a chunk at a time. A
 * block whose (series, key) is already stored is left as it is, as every insert of the
 * adapter does (that makes re-runs idempotent); an overlap rejects the statement.
 */
class BlockWriter {
  private readonly added = new Map<string, number>();
  private seriesIds: string[] = [];
  private resources: string[] = [];
  private keys: string[] = [];
  private starts: string[] = [];
  private ends: string[] = [];
  private adjusted: string[] = [];

  constructor(
    private readonly tx: Queryable,
    private readonly names: SqlNames,
  ) {}

  async add(row: SeriesRow, blocks: readonly Block[]): Promise<void> {
    for (const block of blocks) {
      this.seriesIds.push(row.id);
      this.resources.push(row.resource);
      this.keys.push(block.key);
      this.starts.push(new Date(block.start).toISOString());
      this.ends.push(new Date(block.end).toISOString());
      this.adjusted.push(block.adjusted === undefined ? '' : JSON.stringify(block.adjusted));
      if (this.keys.length === blocksPerStatement) await this.flush();
    }
  }

  /** Inserts what is left; the rows each series gained. */
  async finish(): Promise<Map<string, number>> {
    await this.flush();
    return this.added;
  }

  private async flush(): Promise<void> {
    if (this.keys.length === 0) return;
    const params = [this.seriesIds, this.resources, this.keys, this.starts, this.ends, this.adjusted, tzdataVersion()];
    this.seriesIds = [];
    this.resources = [];
    this.keys = [];
    this.starts = [];
    this.ends = [];
    this.adjusted = [];
    const result = await this.tx.query(
      `with inserted as (
  insert into ${this.names.blocks} (series_id, key, resource, period, tzdata_version, adjusted)
  select n.series_id, n.key, n.resource, tstzrange(n.start_at, n.end_at, '[)'), $7::text, nullif(n.adjusted, '')::jsonb
  from unnest($1::text[], $2::text[], $3::text[], $4::text[]::timestamptz[], $5::text[]::timestamptz[], $6::text[]) as n(series_id, resource, key, start_at, end_at, adjusted)
  on conflict (series_id, key) do nothing
  returning series_id
)
select series_id, count(*)::int as added from inserted group by series_id`,
      params,
    );
    for (const row of rowsOf<{ series_id: string; added: number | string }>(result)) {
      this.added.set(row.series_id, (this.added.get(row.series_id) ?? 0) + Number(row.added));
    }
  }
}
