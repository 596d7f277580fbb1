import type { Weekday } from './types.js';

/**
 * The English words `describe` is built from. Hand-written on purpose: `Intl` and
 * `toLocaleString` answer differently per host locale and ICU build, and the output must
 * be the same everywhere.
 */

export const weekdayNames: Readonly<Record<Weekday, string>> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

/** Monday first, as `byWeekday` is normalized. */
export const weekdayOrder: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export const monthNames: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const ordinalWords = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** `1st`, `2nd`, `3rd`, `11th`, `22nd`: the numeric ordinal, for days of the month. */
export function numericOrdinal(n: number): string {
  const lastTwo = n % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** `first` … `tenth`, then `11th`, `20th`: the ordinal of a position. */
export function ordinal(n: number): string {
  return ordinalWords[n - 1] ?? numericOrdinal(n);
}

/** A position counted from either end: `first`, `20th`, `last`, `second to last`. */
export function position(n: number): string {
  if (n > 0) return ordinal(n);
  return n === -1 ? 'last' : `${ordinal(-n)} to last`;
}

/** `a`, `a and b`, `a, b and c` (no serial comma), or with `or`. */
export function joinWords(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** `1 date`, `3 dates`. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Runs of at least three consecutive values, as `[first, last]`; shorter runs stay single. */
export function runs(values: readonly number[]): Array<readonly [number, number]> {
  const result: Array<readonly [number, number]> = [];
  let i = 0;
  while (i < values.length) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    if (j - i >= 2) {
      result.push([values[i]!, values[j]!]);
    } else {
      for (let k = i; k <= j; k++) result.push([values[k]!, values[k]!]);
    }
    i = j + 1;
  }
  return result;
}
