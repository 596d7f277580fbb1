import { InvalidArgumentError } from '../errors.js';

/** A half-open interval of instants `[start, end)`, epoch ms. Every block is one. */
export interface TimeInterval {
  readonly start: number;
  readonly end: number;
}

/**
 * Checks a list of intervals: finite instants, `end > start`. Throws naming the entry,
 * e.g. `busy[3].end: must be after start`.
 */
export function checkIntervals(intervals: readonly TimeInterval[], field: string): void {
  if (!Array.isArray(intervals)) throw new InvalidArgumentError(field, 'expected an array of blocks');
  for (let i = 0; i < intervals.length; i++) {
    const interval = intervals[i];
    if (typeof interval !== 'object' || interval === null) throw new InvalidArgumentError(`${field}[${i}]`, 'expected a block { start, end }');
    if (!Number.isFinite(interval.start)) throw new InvalidArgumentError(`${field}[${i}].start`, `${String(interval.start)} is not a finite instant`);
    if (!Number.isFinite(interval.end)) throw new InvalidArgumentError(`${field}[${i}].end`, `${String(interval.end)} is not a finite instant`);
    if (!(interval.end > interval.start)) throw new InvalidArgumentError(`${field}[${i}].end`, 'must be after start');
  }
}

/** Intervals sorted by start, then end (a copy). */
export function sortIntervals<T extends TimeInterval>(intervals: readonly T[]): T[] {
  return intervals.slice().sort((a, b) => a.start - b.start || a.end - b.end);
}
