/** Two-letter weekday codes, as in RFC 5545. */
export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

/** How often a rule repeats. */
export type Frequency = 'daily' | 'weekly' | 'monthly' | 'yearly';

/** "The nth such weekday" of the month (monthly) or year (yearly); negative counts from the end. */
export interface NthWeekday {
  readonly day: Weekday;
  readonly nth: number;
}

/** A `byWeekday` entry: every such weekday, or the nth one. */
export type WeekdaySpec = Weekday | NthWeekday;

/** A normalized, validated rule: defaults filled in, lists sorted and deduplicated. */
export interface Rule {
  readonly freq: Frequency;
  readonly interval: number;
  readonly byWeekday?: readonly WeekdaySpec[];
  readonly byMonthDay?: readonly number[];
  readonly byMonth?: readonly number[];
  readonly bySetPos?: readonly number[];
  readonly byYearDay?: readonly number[];
  readonly byWeekNo?: readonly number[];
  readonly weekStart: Weekday;
  readonly count?: number;
  readonly until?: string;
}

