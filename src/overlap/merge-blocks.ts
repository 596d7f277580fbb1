import { type IntervalInput, readIntervals, sortIntervals, type TimeInterval } from './interval.js';

/**
 * The union of blocks as disjoint, sorted intervals. Touching intervals merge: the union
 * of `[a, b)` and `[b, c)` is `[a, c)`.
 *
 * @param blocks - any intervals `{ start, end }` (blocks of any series); ends as epoch ms, `Date`s or ISO 8601 instants
 * @returns the union, sorted, each `{ start, end }`
 * @throws {InvalidArgumentError} for an entry whose `start` or `end` is no instant (epoch ms, `Date`, ISO 8601 with an offset), or with `end <= start`
 *
 * @example
 * mergeBlocks([{ start: 0, end: 10 }, { start: 10, end: 20 }, { start: 30, end: 40 }]);
 * //=> [{ start: 0, end: 20 }, { start: 30, end: 40 }]
 */
export function mergeBlocks(blocks: readonly IntervalInput[]): TimeInterval[] {
  return mergeSorted(sortIntervals(readIntervals(blocks, 'blocks')));
}

/** The union of intervals already sorted by start. */
export function mergeSorted(sorted: readonly TimeInterval[]): TimeInterval[] {
  const merged: TimeInterval[] = [];
  let start = NaN;
  let end = NaN;
  for (const interval of sorted) {
    if (interval.start <= end) {
      if (interval.end > end) end = interval.end;
      continue;
    }
    if (!Number.isNaN(start)) merged.push({ start, end });
    start = interval.start;
    end = interval.end;
  }
  if (!Number.isNaN(start)) merged.push({ start, end });
  return merged;
}
