import type { SeriesMeta } from './meta.js';
import type { Frequency, Rule, Weekday, WeekdaySpec } from '../rule/types.js';

export type { SeriesMeta };

export type { Frequency, NthWeekday, Rule, Weekday, WeekdaySpec } from '../rule/types.js';

/** What to do with an occurrence whose start falls in a spring-forward gap. */
export type NonexistentPolicy = 'shift' | 'skip' | 'error';

/** Which of the two instants to use when a wall time happens twice. */
export type AmbiguousPolicy = 'earlier' | 'later';

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
  weekStart?: Weekday;
  count?: number;
  /** Last local date (inclusive), `YYYY-MM-DD`. */
  until?: string;
}

/** The input of `defineSeries`: plain JSON. */
export interface SeriesInput {
  id: string;
  /** IANA time zone name, or `UTC`. */
  timezone: string;
  /** Local anchor date, `YYYY-MM-DD`. */
  start: string;
  /** Local wall time of every occurrence, `HH:mm` or `HH:mm:ss`. */
  startTime: string;
  /** Local wall end time; `<= startTime` means the next day. Exclusive with `duration`. */
  endTime?: string;
  /** Exact elapsed ISO 8601 duration (`PT30M`, `PT1H30M`, `P1DT2H`; a day is 24 hours). `PT0S`: occurrences occupy no time and yield no blocks. */
  duration?: string;
  /** The rule; absent for a single occurrence on `start`. An RRULE string is accepted too. */
  repeat?: RepeatInput | string;
  /** Local dates (`YYYY-MM-DD`) whose occurrences are skipped (EXDATE). */
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
