import { TimeblocksError } from '../errors.js';
import type { Block } from '../expand/types.js';
import { defineSeries } from '../series/define.js';
import type { SeriesInput } from '../series/types.js';
import { BlockColumns, insertNewBlocks, moveHorizons } from './block-rows.js';
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
  const moved: Array<{ seriesId: string; resource: string; until: number }> = [];
  for (const row of rows) {
    const end = Math.min(until, row.cancelledFrom);
    const blocks = newBlocks(row, end);
    if (!Array.isArray(blocks)) {
      outcomes.push(blocks);
      continue;
    }
    await writer.add(row, blocks);
    moved.push({ seriesId: row.id, resource: row.resource, until: end });
  }
  const added = await writer.finish();
  await moveHorizons(tx, names, moved);
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
 * Collects new blocks as columns and inserts them `blocksPerStatement` at a time, each
 * chunk with `insertNewBlocks` (a block already stored under its (series, key) is left as
 * it is; an overlap fails the statement).
 */
class BlockWriter {
  private readonly added = new Map<string, number>();
  private chunk = new BlockColumns();

  constructor(
    private readonly tx: Queryable,
    private readonly names: SqlNames,
  ) {}

  async add(row: SeriesRow, blocks: readonly Block[]): Promise<void> {
    for (const block of blocks) {
      this.chunk.push(row.id, row.resource, block);
      if (this.chunk.length === blocksPerStatement) await this.flush();
    }
  }

  /** Inserts what is left; the rows each series gained. */
  async finish(): Promise<Map<string, number>> {
    await this.flush();
    return this.added;
  }

  private async flush(): Promise<void> {
    if (this.chunk.length === 0) return;
    const chunk = this.chunk;
    this.chunk = new BlockColumns();
    for (const [seriesId, n] of await insertNewBlocks(this.tx, this.names, chunk)) this.added.set(seriesId, (this.added.get(seriesId) ?? 0) + n);
  }
}
