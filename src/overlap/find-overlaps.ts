import { ExpansionLimitError, InvalidArgumentError } from '../errors.js';
import { limits } from '../limits.js';
import { quoteText, showValue } from '../show-value.js';
import { checkOptionKeys } from '../option-keys.js';
import { compareBlocks } from '../expand/block-order.js';
import type { Block } from '../expand/types.js';
import { checkIntervals } from './interval.js';
import { sortBlocks } from './sort-blocks.js';

/** Two overlapping blocks, `a` before `b` in block order, and the interval they share. */
export interface Overlap<T extends Block = Block> {
  readonly a: T;
  readonly b: T;
  readonly start: number;
  readonly end: number;
}

/** How to group blocks: only blocks with the same resource key can overlap. */
export type ResourceKey<T> = (keyof T & string) | ((block: T) => string | number);

/** Options of `findOverlaps`. */
export interface FindOverlapsOptions<T extends Block> {
  /** Compare only blocks of the same resource: a property name or a function. Default: all blocks. */
  by?: ResourceKey<T>;
  /** Most pairs to return before throwing `ExpansionLimitError` (never a silent truncation). Default 100 000. */
  limit?: number;
}

/**
 * Every pair of overlapping blocks, by a sweep line in O(n log n + k). Intervals are
 * half-open: blocks that touch (`a.end === b.start`) do not overlap. Pairs are ordered by
 * their later block `b`, then by `a`, both in block order, whatever the input order.
 *
 * @param blocks - blocks from any number of series
 * @param options - `by`: only compare blocks with the same resource key; `limit`: most pairs (default 100 000)
 * @returns the overlapping pairs with their shared interval
 * @throws {InvalidArgumentError} for a block with a non-finite instant or `end <= start`, an unknown option key,
 *   a `limit` that is not a positive integer,
 *   or (field `by`) a `by` that is neither a property name nor a function, or names a property some block lacks
 * @throws {ExpansionLimitError} when more than `limit` pairs overlap (`seriesId` is `''`), before they are built
 *
 * @example
 * findOverlaps([room1Standup, room1Review, room2Standup], { by: 'room' }).map(({ a, b }) => [a.key, b.key]);
 * //=> [['2025-03-03T09:30', '2025-03-03T09:45']]
 */
export function findOverlaps<T extends Block>(blocks: readonly T[], options: FindOverlapsOptions<T> = {}): Overlap<T>[] {
  return overlapsOf(blocks, options, 'findOverlaps');
}

/** `findOverlaps` for a caller (`subject`, e.g. `findConflicts`) that its limit error names. */
export function overlapsOf<T extends Block>(blocks: readonly T[], options: FindOverlapsOptions<T>, subject: string): Overlap<T>[] {
  checkIntervals(blocks, 'blocks');
  checkOptionKeys(options, subject, ['by', 'limit']);
  const limit = readPairLimit(options.limit);
  const keyOf = resourceKeyOf(blocks, options.by);
  const sorted = sortBlocks(blocks);
  const pairs: Overlap<T>[] = [];
  // The sweep: blocks in start order; per resource, the blocks still running, as a
  // min-heap on `end`. Expired blocks leave from the top; every block left overlaps.
  const running = new Map<unknown, T[]>();
  for (const block of sorted) {
    const key = keyOf(block);
    let active = running.get(key);
    if (active === undefined) running.set(key, (active = []));
    while (active.length > 0 && active[0]!.end <= block.start) popMin(active);
    // Every running block pairs with this one: count them before building any.
    if (pairs.length + active.length > limit) throw pairLimitError(subject, limit);
    const partners = active.length > 1 ? active.slice().sort(compareBlocks) : active;
    for (const earlier of partners) pairs.push({ a: earlier, b: block, start: block.start, end: Math.min(earlier.end, block.end) });
    push(active, block);
  }
  return pairs;
}

/** `limit` of findOverlaps and findConflicts: a positive integer, default `limits.pairs`. */
export function readPairLimit(limit: unknown): number {
  if (limit === undefined) return limits.pairs;
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
    throw new InvalidArgumentError('limit', `${showValue(limit)} is not a positive integer`);
  }
  return limit;
}

/** More overlapping pairs than `limit`: nothing is silently cut. */
function pairLimitError(subject: string, limit: number): ExpansionLimitError {
  return new ExpansionLimitError('', limit, { subject, unit: 'overlapping pairs', hint: 'compare per resource with `by`' });
}

function resourceKeyOf<T extends Block>(blocks: readonly T[], by: ResourceKey<T> | undefined): (block: T) => unknown {
  if (by === undefined) return () => '';
  if (typeof by === 'function') return by;
  if (typeof by !== 'string') throw new InvalidArgumentError('by', 'expected a property name or a function');
  // A missing property would put every such block in one `undefined` resource: a typo
  // (`by: 'rooom'`) would then report overlaps across all resources, silently.
  blocks.forEach((block, i) => {
    if (block[by as keyof T] === undefined) throw new InvalidArgumentError('by', `blocks[${i}] has no property ${quoteText(by)}`);
  });
  return (block) => block[by];
}

function push<T extends Block>(heap: T[], block: T): void {
  let i = heap.push(block) - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]!.end <= block.end) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = block;
}

function popMin<T extends Block>(heap: T[]): void {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && heap[right]!.end < heap[left]!.end ? right : left;
    if (heap[child]!.end >= last.end) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
}
