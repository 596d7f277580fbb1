import { compareBlocks } from '../expand/block-order.js';
import { type Database, rowsOf } from './queryable.js';
import { type ReadWindow, Filters, readQuery, readOneOrMany, readReadLimit, readWindow, withinLimit } from './read-query.js';
import { type SchemaOptions, sqlNames } from './schema-options.js';
import { blockStatuses } from './schema-sql.js';
import { instantParam, readName, readOptions } from './series-row.js';
import { blockFromRow, type BlockStatus, type StoredBlock, type StoredBlockRow, storedBlockColumns } from './stored-block.js';

/** Options of `listBlocks`. */
export interface ListBlocksOptions extends SchemaOptions {
  /** Blocks overlapping `[from, to)`. Required. */
  window: ReadWindow;
  /** Only this resource's blocks. */
  resource?: string;
  /** Only this series' blocks. */
  seriesId?: string;
  /** Only blocks of this status (or these). Default: the live ones, `open`, `booked` and `blocked`. */
  status?: BlockStatus | readonly BlockStatus[];
  /** Most blocks to return; more is an `ExpansionLimitError`. Default 10 000, at most 1 000 000. */
  limit?: number;
}

/**
 * The stored blocks overlapping a window, as plain objects with epoch-ms instants, sorted
 * as `expand` sorts (start, end, series id, key).
 *
 * @param db - a PGlite instance, a pg `Pool` or a connected pg `Client`
 * @param options - `window`, optional `resource`, `seriesId`, `status`, `limit`, `schema`, `prefix`
 * @returns the blocks, sorted
 * @throws {ExpansionLimitError} when more than `limit` blocks match (nothing is cut silently)
 * @throws {InvalidArgumentError} for a bad `window`, `resource`, `seriesId`, `status` or `limit`
 *
 * @example
 * (await listBlocks(pool, { resource: 'dr-ana', window: { from: '2025-03-10T00:00:00Z', to: '2025-03-15T00:00:00Z' } })).length;
 * //=> 5
 */
export async function listBlocks(db: Database, options: ListBlocksOptions): Promise<StoredBlock[]> {
  const opts = readOptions(options, '{ window: { from, to } }');
  const names = sqlNames(opts);
  const window = readWindow(opts.window);
  const statuses = opts.status === undefined ? blockStatuses.filter((s) => s !== 'cancelled') : readOneOrMany(opts.status, blockStatuses, 'status');
  const limit = readReadLimit(opts.limit);
  const filters = new Filters()
    .add(`b.period && tstzrange($?::text::timestamptz, $?::text::timestamptz, '[)')`, instantParam(window.start), instantParam(window.end))
    .add('b.status = any($?::text[])', statuses);
  if (opts.resource !== undefined) filters.add('b.resource = $?::text', readName(opts.resource, 'resource'));
  if (opts.seriesId !== undefined) filters.add('b.series_id = $?::text', readName(opts.seriesId, 'seriesId'));
  const result = await readQuery(db, 
    `select ${storedBlockColumns} from ${names.blocks} b where ${filters.where}
order by lower(b.period), upper(b.period), b.series_id collate "C", b.key collate "C"
limit ${filters.next(limit + 1)}::text::int`,
    filters.params,
  );
  return [...withinLimit(rowsOf<StoredBlockRow>(result), limit, 'listBlocks', 'blocks')].map(blockFromRow).sort(compareBlocks);
}
