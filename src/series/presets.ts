import type { RepeatInput, Weekday } from './types.js';

/** Options every preset passes through to the rule: how it ends, and its interval. */
export type PresetEnd = Pick<RepeatInput, 'count' | 'until' | 'interval'>;

/**
 * Every weekday, Monday to Friday.
 *
 * @example
 * weekdays({ count: 10 }); //=> { freq: 'weekly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'], count: 10 }
 */
export function weekdays(end: PresetEnd = {}): RepeatInput {
  return { freq: 'weekly', byWeekday: ['MO', 'TU', 'WE', 'TH', 'FR'], ...end };
}

/**
 * The nth `day` of every month (`nth` 1–5, or -1 … -5 counting from the end).
 *
 * @example
 * nthWeekdayOfMonth(2, 'TU'); //=> { freq: 'monthly', byWeekday: [{ day: 'TU', nth: 2 }] }
 */
export function nthWeekdayOfMonth(nth: number, day: Weekday, end: PresetEnd = {}): RepeatInput {
  return { freq: 'monthly', byWeekday: [{ day, nth }], ...end };
}

/**
 * The last `day` of every month.
 *
 * @example
 * lastWeekdayOfMonth('FR'); //=> { freq: 'monthly', byWeekday: [{ day: 'FR', nth: -1 }] }
 */
export function lastWeekdayOfMonth(day: Weekday, end: PresetEnd = {}): RepeatInput {
  return nthWeekdayOfMonth(-1, day, end);
}

/**
 * The nth `day` of `month` (1–12) every year, e.g. US Thanksgiving: `nthWeekdayOfMonthEachYear(4, 'TH', 11)`.
 *
 * @example
 * nthWeekdayOfMonthEachYear(4, 'TH', 11); //=> { freq: 'yearly', byMonth: [11], byWeekday: [{ day: 'TH', nth: 4 }] }
 */
export function nthWeekdayOfMonthEachYear(nth: number, day: Weekday, month: number, end: PresetEnd = {}): RepeatInput {
  return { freq: 'yearly', byMonth: [month], byWeekday: [{ day, nth }], ...end };
}
