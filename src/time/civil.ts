/**
 * Proleptic Gregorian date math on epoch days (days since 1970-01-01), without `Date`:
 * exact for every year and free of host settings. Algorithms after Howard Hinnant's
 * "chrono-compatible low-level date algorithms".
 */

/** Weekday index used throughout: Monday = 0 … Sunday = 6. */
export type WeekdayIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : monthLengths[month - 1]!;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Epoch day of a civil date (month 1–12). */
export function civilToEpochDays(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Civil date of an epoch day. */
export function epochDaysToCivil(epochDays: number): CivilDate {
  const z = epochDays + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Weekday of an epoch day, Monday = 0 (1970-01-01 was a Thursday). */
export function epochDaysToWeekday(epochDays: number): WeekdayIndex {
  return ((((epochDays + 3) % 7) + 7) % 7) as WeekdayIndex;
}

/** Year of an epoch day (cheaper than a full civil conversion when only the year is needed). */
export function epochDaysToYear(epochDays: number): number {
  return epochDaysToCivil(epochDays).year;
}

/** Months since year 0 (`year * 12 + month - 1`): a linear month index. */
export function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}
