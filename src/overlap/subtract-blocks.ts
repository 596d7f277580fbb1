import { type IntervalInput, readIntervals, sortIntervals, type TimeInterval } from './interval.js';
import { mergeSorted } from './merge-blocks.js';

/**
 * What remains of `from` once every interval of `minus` is taken out: sorted, disjoint
 * intervals (`from` is merged first).
 *
 * @param from - the intervals to cut from (e.g. availability)
 * @param minus - the intervals to remove (e.g. busy blocks)
 * @throws {InvalidArgumentError} for an entry whose `start` or `end` is no instant (epoch ms, `Date`, ISO 8601 with an offset), or with `end <= start`
 *
 * @example
 * subtractBlocks([{ start: 0, end: 100 }], [{ start: 20, end: 30 }, { start: 90, end: 120 }]);
 * //=> [{ start: 0, end: 20 }, { start: 30, end: 90 }]
 */
export function subtractBlocks(from: readonly IntervalInput[], minus: readonly IntervalInput[]): TimeInterval[] {
  return subtractSorted(mergeSorted(sortIntervals(readIntervals(from, 'from'))), mergeSorted(sortIntervals(readIntervals(minus, 'minus'))));
}

/** `from` minus `minus`, both merged and sorted: one linear pass. */
export function subtractSorted(from: readonly TimeInterval[], minus: readonly TimeInterval[]): TimeInterval[] {
  const result: TimeInterval[] = [];
  let j = 0;
  for (const interval of from) {
    let start = interval.start;
    while (j < minus.length && minus[j]!.end <= start) j++;
    for (let k = j; k < minus.length && minus[k]!.start < interval.end; k++) {
      const cut = minus[k]!;
      if (cut.start > start) result.push({ start, end: cut.start });
      if (cut.end > start) start = cut.end;
    }
    if (start < interval.end) result.push({ start, end: interval.end });
  }
  return result;
}
