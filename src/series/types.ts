import type { SeriesMeta } from './meta.js';
import type { Frequency, Rule, Skip, Weekday, WeekdaySpec } from '../rule/types.js';

export type { SeriesMeta };

export type { Frequency, NthWeekday, Rule, Skip, SubDailyFrequency, Weekday, WeekdaySpec } from '../rule/types.js';

import type { AmbiguousPolicy, NonexistentPolicy } from '../time/dst-policy.js';

export type { AmbiguousPolicy, NonexistentPolicy } from '../time/dst-policy.js';

/** The DST policies of a series; defaults `{ nonexistent: 'shift', ambiguous: 'earlier' }`. */
export interface DstPolicy {
  readonly nonexistent: NonexistentPolicy;
  readonly ambiguous: AmbiguousPolicy;
}

/** The recurrence rule as accepted in input (`repeat`); RFC 5545 semantics. */
export interface RepeatInput {
  freq: Frequency;
  interval?: number;
  byWeekday?: readonly WeekdaySpec[];
  byMonthDay?: readonly number[];
  byMonth?: readonly number[];
  bySetPos?: readonly number[];
  byYearDay?: readonly number[];
  byWeekNo?: readonly number[];
  /** Hours of the day (0–23): with a daily or longer frequency, several times a day; with a sub-daily one, a limit. */
  byHour?: readonly number[];
  /** Minutes of the hour (0–59). */
  byMinute?: readonly number[];
  /** Seconds of the minute (0–59). */
  bySecond?: readonly number[];
  weekStart?: Weekday;
  /** RFC 7529: a date the month lacks (the 31st of April) is dropped (`omit`, default), or moved `backward` / `forward`. */
  skip?: Skip;
  count?: number;
  /** Last local date (inclusive), `YYYY-MM-DD`, or last local date-time (inclusive), `YYYY-MM-DDTHH:mm[:ss]`. */
  until?: string;
}

/** The input of `defineSeries`: plain JSON. */
export interface SeriesInput {
  id: string;
  /** IANA time zone name, or `UTC`. */
  timezone: string;
  /** Local anchor date, `YYYY-MM-DD`. */
  start: string;
  /** Local wall time of the first occurrence (of every one, unless the rule says byHour/byMinute/bySecond or is sub-daily), `HH:mm` or `HH:mm:ss`. */
  startTime: string;
  /** Local wall end time; `<= startTime` means the next day. Exclusive with `duration`. */
  endTime?: string;
  /** Exact elapsed ISO 8601 duration (`PT30M`, `PT1H30M`, `P1DT2H`; a day is 24 hours). `PT0S`: occurrences occupy no time and yield no blocks. */
  duration?: string;
  /** The rule; absent for a single occurrence on `start`. An RRULE string is accepted too. */
  repeat?: RepeatInput | string;
  /** Excluded occurrences (EXDATE): a local date (`YYYY-MM-DD`) removes that day's, a local date-time (`YYYY-MM-DDTHH:mm[:ss]`) the one with that key. */
  exclude?: readonly string[];
  /** Extra local starts (RDATE): `YYYY-MM-DDTHH:mm[:ss]`, or a date for one at `startTime`. */
  include?: readonly string[];
  dst?: Partial<DstPolicy>;
  /** Edits of single occurrences, by occurrence key: cancel one, or move it. */
  overrides?: Readonly<Record<string, OverrideInput>>;
  /** Plain JSON data for the series' owner (e.g. an imported event's summary); the core never reads it. At most 64 KiB as JSON. */
  meta?: SeriesMeta;
}

/** Cancels one occurrence: it never appears (it still counts towards `count`). */
export interface CancelOverride {
  readonly cancelled: true;
}

/**
 * Moves one occurrence; it keeps its key. Unset fields keep the occurrence's own:
 * its date, the series' start time, and its nominal length (`endTime` and `duration`
 * are exclusive).
 */
export interface MoveOverride {
  readonly date?: string;
  readonly startTime?: string;
  readonly endTime?: string;
  readonly duration?: string;
}

/** An edit of one occurrence, as given in `overrides`. */
export type OverrideInput = CancelOverride | MoveOverride;
/** An edit of one occurrence, as normalized in a `Series` (times in their shortest form). */
export type Override = OverrideInput;

/**
 * A validated, normalized, frozen series: the intent. Plain JSON; feeding it back to
 * `defineSeries` gives an equal series.
 */
export interface Series {
  readonly id: string;
  readonly timezone: string;
  readonly start: string;
  readonly startTime: string;
  readonly endTime?: string;
  readonly duration?: string;
  readonly repeat?: Rule;
  readonly exclude: readonly string[];
  readonly include: readonly string[];
  readonly dst: DstPolicy;
  /** Present when the series has overrides; keys in ascending order. */
  readonly overrides?: Readonly<Record<string, Override>>;
  /** Present when given: plain JSON data carried as is (deeply frozen copy); the core never reads it. */
  readonly meta?: SeriesMeta;
}
