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
  /** Epoch days of the dates in `exclude`. */
  readonly excludedDays: ReadonlySet<number>;
  /** Wall ms of the date-times in `exclude` (one occurrence each). */
  readonly excludedWalls: ReadonlySet<number>;
  /** Wall ms of each `include` entry, in the same (ascending) order. */
  readonly includeWalls: readonly number[];
  /** The overrides in key order (iterating the frozen `overrides` object is slow when it is large). */
  readonly overrides: readonly ParsedOverride[];
}

/**
 * A base class whose constructor returns the object it is given, so `new ParsedStamp(series, …)`
 * adds a private field to that very object: the parsed numbers travel with the series,
 * invisible to `Object.keys`, spread, JSON, structuredClone and equality checks, and a copy
 * (`{ ...series }`) does not carry them. It does what a WeakMap from series to parsed data
 * would, at a small fraction of the cost (a WeakMap entry costs ~0.7 µs to add, with the
 * collector's ephemeron work on top, on every `defineSeries`).
 */
const ReturnsItsArgument = function (this: unknown, target: object) {
  return target;
} as unknown as new (target: object) => object;

class ParsedStamp extends ReturnsItsArgument {
  readonly #parsed: ParsedSeries;

  constructor(series: object, parsed: ParsedSeries) {
    super(series);
    this.#parsed = parsed;
  }

  static of(value: object): ParsedSeries | undefined {
    return #parsed in value ? (value as ParsedStamp).#parsed : undefined;
  }
}

/** Records what `defineSeries` parsed (before it freezes the series); only it calls this, so holding a record means "defined". */
export function rememberParsed(series: object, parsed: ParsedSeries): void {
  new ParsedStamp(series, parsed);
}

/** What `defineSeries` parsed from `series`, or undefined for an object it did not return. */
export function parsedSeriesOf(series: object): ParsedSeries | undefined {
  return ParsedStamp.of(series);
}
