import fc from 'fast-check';
import { milliInDay, milliInMinute } from '../time/units.js';
import { checkDate, checkKnownKeys, checkPositiveInteger, fail } from './constraints.js';

/** Constraints of `windowArbitrary`; each field says its default. */
export interface WindowConstraints {
  /** Earliest window start, a local-free date `YYYY-MM-DD` read as UTC midnight. Default `'1995-01-01'`. */
  min?: string;
  /** Latest window end. Default `'2040-12-31'`. */
  max?: string;
  /** Longest window in days. Default 400. */
  maxDays?: number;
}

/** A half-open window of instants, epoch ms, minute-aligned. */
export interface Window {
  readonly from: number;
  readonly to: number;
}

/**
 * Windows `{ from, to }` with `from < to`, in whole minutes, for `expand(series, window)`.
 *
 * @param constraints - the range windows lie in and their longest length; each field says its default
 * @returns a fast-check arbitrary of `Window`
 * @throws {RangeError} when a constraint is invalid (a bad date, `max` not after `min`, a
 *   `maxDays` below 1, an unknown key), with the arbitrary's name in the message.
 *
 * @example
 * fc.sample(windowArbitrary({ maxDays: 7 }), 1);
 * //=> [{ from: 1854112200000, to: 1854227700000 }] (some window of at most 7 days)
 */
export function windowArbitrary(constraints: WindowConstraints = {}): fc.Arbitrary<Window> {
  const name = 'windowArbitrary';
  checkKnownKeys(name, constraints, ['min', 'max', 'maxDays']);
  const min = checkDate(name, 'min', constraints.min ?? '1995-01-01') * milliInDay;
  const max = checkDate(name, 'max', constraints.max ?? '2040-12-31') * milliInDay;
  if (max <= min) fail(name, 'max must be after min');
  const maxDays = constraints.maxDays ?? 400;
  checkPositiveInteger(name, 'maxDays', maxDays);
  const maxMinutes = maxDays * (milliInDay / milliInMinute);
  return fc
    .record({
      fromMinute: fc.integer({ min: 0, max: (max - min) / milliInMinute - 1 }),
      lengthMinutes: fc.integer({ min: 1, max: maxMinutes }),
    })
    .map(({ fromMinute, lengthMinutes }) => {
      const from = min + fromMinute * milliInMinute;
      return { from, to: Math.min(max, from + lengthMinutes * milliInMinute) };
    });
}
