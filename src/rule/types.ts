/** Two-letter weekday codes, as in RFC 5545. */
export type Weekday = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

/** How often a rule repeats: RFC 5545's seven frequencies. */
export type Frequency = 'yearly' | 'monthly' | 'weekly' | 'daily' | 'hourly' | 'minutely' | 'secondly';

/** The frequencies whose period is shorter than a day. */
export type SubDailyFrequency = 'hourly' | 'minutely' | 'secondly';

/**
 * RFC 7529: what becomes of a date the rule names that the month lacks (February 30,
 * the 31st of a 30-day month, day 366 of a common year): dropped (`omit`, the default and
 * RFC 5545's reading), moved to the last valid day before it (`backward`) or to the first
 * day after it (`forward`).
 */
export type Skip = 'omit' | 'backward' | 'forward';

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
  /** Hours of the day (0–23). */
  readonly byHour?: readonly number[];
  /** Minutes of the hour (0–59). */
  readonly byMinute?: readonly number[];
  /** Seconds of the minute (0–59; a leap second 60 is not a wall time timeblocks knows). */
  readonly bySecond?: readonly number[];
  readonly weekStart: Weekday;
  /** RFC 7529 SKIP; absent means `omit`. */
  readonly skip?: Skip;
  readonly count?: number;
  /** Last local date (inclusive, `YYYY-MM-DD`) or local date-time (inclusive, `YYYY-MM-DDTHH:mm[:ss]`). */
  readonly until?: string;
}
