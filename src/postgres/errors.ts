import { TimeblocksError } from '../errors.js';
import type { Block } from '../expand/types.js';
import type { BlockStatus, ExistingBlock } from './stored-block.js';

export type { ExistingBlock } from './stored-block.js';


/**
 * A block could not be stored because it overlaps a live (not cancelled) block of the same
 * resource: the exclusion constraint said no. Nothing of the failed call was written.
 */
export class BlockConflictError extends TimeblocksError {
  override name = 'BlockConflictError';
  /** The new block that did not fit. */
  readonly block: Block;
  /** The resource both blocks are on. */
  readonly resource: string;
  /** The stored row it hit (for a series that overlaps itself: its own earlier block). */
  readonly existing: ExistingBlock;
  constructor(block: Block, resource: string, existing: ExistingBlock) {
    super(
      `Block ${block.seriesId} ${block.key} ${period(block)} overlaps ${existing.status} block ` +
        `${existing.seriesId} ${existing.key} ${period(existing)} on resource "${resource}"`,
    );
    this.block = block;
    this.resource = resource;
    this.existing = Object.freeze({ ...existing });
  }
}

/** `setBlockStatus` with `expected`: the block's status was another one (someone else got there first). */
export class UnexpectedBlockStatusError extends TimeblocksError {
  override name = 'UnexpectedBlockStatusError';
  readonly seriesId: string;
  readonly key: string;
  readonly expected: readonly BlockStatus[];
  readonly actual: BlockStatus;
  constructor(seriesId: string, key: string, expected: readonly BlockStatus[], actual: BlockStatus) {
    super(`Block ${seriesId} ${key} is ${actual}, expected ${expected.join(' or ')}`);
    this.seriesId = seriesId;
    this.key = key;
    this.expected = Object.freeze([...expected]);
    this.actual = actual;
  }
}

function period(interval: { start: number; end: number }): string {
  return `[${new Date(interval.start).toISOString()}, ${new Date(interval.end).toISOString()})`;
}

/**
 * A transaction kept running into concurrent changes (deadlocks, serialization failures,
 * rows changing under it) and the adapter gave up after its last attempt. Nothing of the
 * call was written; trying again later may succeed.
 */
export class TransactionRetryError extends TimeblocksError {
  override name = 'TransactionRetryError';
  /** How many times the transaction ran. */
  readonly attempts: number;
  /** `options.cause`: the last attempt's error (the driver's deadlock, say). */
  constructor(attempts: number, reason: string, options?: { cause?: unknown }) {
    super(`Gave up after ${attempts} attempts because of concurrent changes: ${reason.slice(0, 200)}`, options);
    this.attempts = attempts;
  }
}

/**
 * The database or the driver failed: a lost connection, a timeout (`57014`
 * statement_timeout, `55P03` lock_timeout), an administrator's shutdown (`57P01`), a
 * missing privilege, any SQLSTATE the adapter has no meaning for. The transaction was
 * rolled back: nothing of the call was written. `retryable` says whether calling again
 * can succeed as it is (the connection came back, the lock was released); `cause` is the
 * driver's own error.
 */
export class DatabaseError extends TimeblocksError {
  override name = 'DatabaseError';
  /** The server's SQLSTATE (`57014`, …); `undefined` when the failure had none (a dropped socket). */
  readonly sqlState: string | undefined;
  /** True when the same call may succeed later without any change (timeouts, lost connections, shutdowns). */
  readonly retryable: boolean;
  constructor(sqlState: string | undefined, retryable: boolean, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(`The database call failed${sqlState === undefined ? '' : ` (SQLSTATE ${sqlState})`}: ${detail.slice(0, 300)}`, { cause });
    this.sqlState = sqlState;
    this.retryable = retryable;
  }
}
