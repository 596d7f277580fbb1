import type { RepeatInput, Weekday } from './types.js';

/** Options every preset passes through to the rule: how it ends, and its interval. */
export type PresetEnd = Pick<RepeatInput, 'count' | 'until' | 'interval'>;

/**
 * A `repeat` rule for every weekday, Monday to Friday.
 *
 * @param end - how the rule ends (`count` or `until`) and its `interval`; absent: never ends
 * @returns a `repeat` value for `defineSeries`
 * @throws Never: the rule is plain data, validated when `defineSeries` reads it.
 *
 * @example
 * weekdays({ count: 10 }); //=> { freq: 'weekly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'], count: 10 }
 */
export function weekdays(end: PresetEnd = {}): RepeatInput {
  return { freq: 'weekly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'], ...end };
}

/**
 * A `repeat` rule for the nth `day` of every month.
 *
 * @param nth - 1 to 5, or -1 to -5 counting from the month's end
 * @param day - the weekday, `'MO'` … `'SU'`
 * @param end - how the rule ends (`count` or `until`) and its `interval`; absent: never ends
 * @returns a `repeat` value for `defineSeries`
 * @throws Never itself: `defineSeries` throws `SeriesValidationError` for an `nth` outside ±1…5
 *   (path `repeat.byWeekday[0]`) or an unknown `day`.
 *
 * @example
 * nthWeekdayOfMonth(2, 'TU'); //=> { freq: 'monthly', byWeekday: [{ day: 'TU', nth: 2 }] }
 */
export function nthWeekdayOfMonth(nth: number, day: Weekday, end: PresetEnd = {}): RepeatInput {
  return { freq: 'monthly', byWeekday: [{ day, nth }], ...end };
}

/**
 * A `repeat` rule for the last `day` of every month.
 *
 * @param day - the weekday, `'MO'` … `'SU'`
 * @param end - how the rule ends (`count` or `until`) and its `interval`; absent: never ends
 * @returns a `repeat` value for `defineSeries`
 * @throws Never itself: `defineSeries` throws `SeriesValidationError` for an unknown `day`.
 *
 * @example
 * lastWeekdayOfMonth('FR'); //=> { freq: 'monthly', byWeekday: [{ day: 'FR', nth: -1 }] }
 */
export function lastWeekdayOfMonth(day: Weekday, end: PresetEnd = {}): RepeatInput {
  return nthWeekdayOfMonth(-1, day, end);
}

/**
 * A `repeat` rule for the nth `day` of `month` every year, e.g. US Thanksgiving.
 *
 * @param nth - 1 to 5, or -1 to -5 counting from the month's end
 * @param day - the weekday, `'MO'` … `'SU'`
 * @param month - 1 (January) to 12
 * @param end - how the rule ends (`count` or `until`) and its `interval`; absent: never ends
 * @returns a `repeat` value for `defineSeries`
 * @throws Never itself: `defineSeries` throws `SeriesValidationError` for an `nth`, `day` or
 *   `month` out of range, naming the field.
 *
 * @example
 * nthWeekdayOfMonthEachYear(4, 'TH', 11); //=> { freq: 'yearly', byMonth: [11], byWeekday: [{ day: 'TH', nth: 4 }] }
 */
export function nthWeekdayOfMonthEachYear(nth: number, day: Weekday, month: number, end: PresetEnd = {}): RepeatInput {
  return { freq: 'yearly', byMonth: [month], byWeekday: [{ day, nth }], ...end };
}
