import { InvalidArgumentError } from '../errors.js';
import type { Block } from '../expand/types.js';
import { BlockColumns, insertNewBlocks } from './block-rows.js';
import { BlockConflictError } from './errors.js';
import { findFirstConflict } from './find-conflict.js';
import type { DriverTransaction } from './driver/driver.js';
import type { SqlNames } from './schema-options.js';
import { sqlStateOf, sqlStates } from './sql-errors.js';
import { RetryTransaction } from './transaction.js';

// timestamptz text must be `YYYY-…`: past 9999 `toISOString()` writes `+010000-…`, which
// PostgreSQL cannot parse; the library's instants end with year 9999 anyway.
const firstInstantPastYear9999 = Date.UTC(10000, 0, 1);

/**
 * Every block lies within years 0001–9999, so its instants are storable: else an error
 * naming the series and the block, before any SQL runs.
 *
 * @throws {InvalidArgumentError} naming `series` when a block ends after 9999-12-31
 */
export function assertStorable(blocks: readonly Block[]): void {
  for (const block of blocks) {
    if (block.end > firstInstantPastYear9999) {
      throw new InvalidArgumentError('series', `block ${block.seriesId} ${block.key} ends after year 9999, which cannot be stored`);
    }
  }
}

/**
 * Inserts a series' new blocks in one set-based statement and returns how many rows it
 * added. A block whose (series, key) is already stored is left as it is (that makes
 * re-runs idempotent); the conflict target is explicit, so an overlap is never swallowed
 * but becomes a `BlockConflictError` naming the stored row it hit.
 *
 * Runs inside the caller's transaction; on a conflict the caller's transaction is left
 * usable (the insert's savepoint is rolled back) but should be rolled back by the error propagating.
 */
export async function insertBlocks(tx: DriverTransaction, names: SqlNames, seriesId: string, resource: string, blocks: readonly Block[]): Promise<number> {
  if (blocks.length === 0) return 0;
  assertStorable(blocks);
  const selfOverlap = findSelfOverlap(blocks, resource);
  if (selfOverlap !== undefined) throw selfOverlap;
  const columns = new BlockColumns();
  for (const block of blocks) columns.push(seriesId, resource, block);
  try {
    const added = await tx.savepoint((sp) => insertNewBlocks(sp, names, columns));
    return added.get(seriesId) ?? 0;
  } catch (error) {
    if (sqlStateOf(error) !== sqlStates.exclusionViolation) throw error;
    const conflict = await findFirstConflict(tx, names, columns);
    // The row we hit is gone already (cancelled or deleted meanwhile): try the whole call again.
    throw conflict ?? new RetryTransaction(`a block of series "${seriesId}" hit a row that has since disappeared`);
  }
}

/** Blocks of one series that overlap each other cannot share a resource either. */
export function findSelfOverlap(blocks: readonly Block[], resource: string): BlockConflictError | undefined {
  const sorted = [...blocks].sort((a, b) => a.start - b.start || a.end - b.end);
  let latest: Block | undefined;
  for (const block of sorted) {
    if (latest !== undefined && block.start < latest.end) {
      return new BlockConflictError(block, resource, { seriesId: latest.seriesId, key: latest.key, resource, start: latest.start, end: latest.end, status: 'open' });
    }
    if (latest === undefined || block.end > latest.end) latest = block;
  }
  return undefined;
}
