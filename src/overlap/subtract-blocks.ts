import { checkIntervals, sortIntervals, type TimeInterval } from './interval.js';
import { mergeSorted } from './merge-blocks.js';

/**
 * What remains of `from` once every interval of `minus` is taken out: sorted, disjoint
 * intervals (`from` is merged first).
 *
 * @param from - the intervals to cut from (e.g. availability)
 * @param minus - the intervals to remove (e.g. busy blocks)
 * @throws {InvalidArgumentError} for an entry with a non-finite instant or `end <= start`
 *
 * @example
 * subtractBlocks([{ start: 0, end: 100 }], [{ start: 20, end: 30 }, { start: 90, end: 120 }]);
 * //=> [{ start: 0, end: 20 }, { start: 30, end: 90 }]
 */
export function subtractBlocks(from: readonly TimeInterval[], minus: readonly TimeInterval[]): TimeInterval[] {
  checkIntervals(from, 'from');
  checkIntervals(minus, 'minus');
  return subtractSorted(mergeSorted(sortIntervals(from)), mergeSorted(sortIntervals(minus)));
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
