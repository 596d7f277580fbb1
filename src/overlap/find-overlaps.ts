import { ExpansionLimitError, InvalidArgumentError } from '../errors.js';
import { limits } from '../limits.js';
import { quoteText, showValue } from '../show-value.js';
import { checkOptionKeys } from '../option-keys.js';
import type { Block } from '../expand/types.js';
import { intervalBounds } from './interval.js';
import { blockOrder } from './sort-blocks.js';

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
  const { starts, ends } = intervalBounds(blocks, 'blocks');
  checkOptionKeys(options, subject, ['by', 'limit']);
  const limit = readPairLimit(options.limit);
  const { resources, resourceCount } = resourceIndices(blocks, options.by);
  const { order, sortedStarts } = blockOrder(blocks, starts);
  const n = blocks.length;
  const pairs: Overlap<T>[] = [];
  // The sweep, on typed arrays (block objects are touched only to build pairs): blocks in
  // block order, by position `i`; per resource, the positions of blocks still running, as
  // a min-heap on their ends. Expired blocks leave from the top; every block left
  // overlaps, and sorting positions puts partners in block order.
  const sortedEnds = new Float64Array(n);
  const running: number[][] = Array.from({ length: resourceCount }, () => []);
  for (let i = 0; i < n; i++) {
    const index = order[i]!;
    const start = sortedStarts[i]!;
    const end = (sortedEnds[i] = ends[index]!);
    const active = running[resources[index]!]!;
    while (active.length > 0 && sortedEnds[active[0]!]! <= start) popMin(active, sortedEnds);
    if (active.length > 0) {
      // Every running block pairs with this one: count them before building any.
      if (pairs.length + active.length > limit) throw pairLimitError(subject, limit);
      const block = blocks[index]!;
      const partners = active.length > 1 ? active.slice().sort((x, y) => x - y) : active;
      for (const position of partners) {
        pairs.push({ a: blocks[order[position]!]!, b: block, start, end: Math.min(sortedEnds[position]!, end) });
      }
    }
    push(active, i, sortedEnds);
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

/** Each block's resource as a small integer (all 0 without `by`), and how many there are. */
function resourceIndices<T extends Block>(blocks: readonly T[], by: ResourceKey<T> | undefined): { resources: Uint32Array; resourceCount: number } {
  const resources = new Uint32Array(blocks.length);
  if (by === undefined) return { resources, resourceCount: 1 };
  if (typeof by !== 'function' && typeof by !== 'string') throw new InvalidArgumentError('by', 'expected a property name or a function');
  const ids = new Map<unknown, number>();
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const key = typeof by === 'function' ? by(block) : block[by];
    // A missing property would put every such block in one `undefined` resource: a typo
    // (`by: 'rooom'`) would then report overlaps across all resources, silently.
    if (key === undefined && typeof by === 'string') throw new InvalidArgumentError('by', `blocks[${i}] has no property ${quoteText(by)}`);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    resources[i] = id;
  }
  return { resources, resourceCount: Math.max(ids.size, 1) };
}

/** Push a position onto a min-heap ordered by `ends[position]`. */
function push(heap: number[], position: number, ends: Float64Array): void {
  let i = heap.push(position) - 1;
  const end = ends[position]!;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (ends[heap[parent]!]! <= end) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = position;
}

/** Remove the position with the smallest end. */
function popMin(heap: number[], ends: Float64Array): void {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  const lastEnd = ends[last]!;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && ends[heap[right]!]! < ends[heap[left]!]! ? right : left;
    if (ends[heap[child]!]! >= lastEnd) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
}
