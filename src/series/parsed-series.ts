import type { CompiledRule } from '../rule/compiled-rule.js';
import type { Override, Series } from './types.js';

/** An override with its key's wall time, as `defineSeries` read it. */
export interface ParsedOverride {
  /** The canonical key (`YYYY-MM-DDTHH:mm[:ss]`). */
  readonly key: string;
  readonly wallMs: number;
  readonly override: Override;
}

/**
 * The numbers `defineSeries` read out of a series' strings, kept beside the frozen series
 * (never in it: its JSON stays the user's data) so that expanding it parses nothing again.
 */
export interface ParsedSeries {
  /** Epoch day of `start`. */
  readonly startDay: number;
  /** Local start time, ms after midnight. */
  readonly startMs: number;
  /** Exact elapsed length, when the series has a `duration`. */
  readonly durationMs: number | undefined;
  /** Nominal wall-clock length: end wall time minus start wall time (the duration, with one). */
  readonly wallLengthMs: number;
  readonly rule: CompiledRule | undefined;
  /** Epoch days of `exclude`. */
  readonly excludedDays: ReadonlySet<number>;
  /** Wall ms of each `include` entry, in the same (ascending) order. */
  readonly includeWalls: readonly number[];
  /** The overrides in key order (iterating the frozen `overrides` object is slow when it is large). */
  readonly overrides: readonly ParsedOverride[];
}

const parsedBySeries = new WeakMap<Series, ParsedSeries>();

/** Records what `defineSeries` parsed; only it calls this, so holding an entry means "defined". */
export function rememberParsed(series: Series, parsed: ParsedSeries): void {
  parsedBySeries.set(series, parsed);
}

/** What `defineSeries` parsed from `series`, or undefined for an object it did not return. */
export function parsedSeriesOf(series: object): ParsedSeries | undefined {
  return parsedBySeries.get(series as Series);
}
