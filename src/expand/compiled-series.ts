import { parseDuration } from '../series/duration.js';
import { requireSeries } from '../series/require-series.js';
import type { MoveOverride, Series } from '../series/types.js';
import { type ParsedSeries, parsedSeriesOf } from '../series/parsed-series.js';
import { parseLocalDate, parseLocalTime } from '../time/local-format.js';
import { milliInDay } from '../time/units.js';
import { getZone, type Zone } from '../time/zone.js';
import type { CompiledRule } from '../rule/compiled-rule.js';

/** How an extra start's block ends, when not by the series' own length. */
export type ExtraEnd = { readonly wallMs: number } | { readonly durationMs: number };

/** A start outside the rule loop: an `include`, or an occurrence moved by an override. */
export interface ExtraStart {
  readonly wallMs: number;
  readonly key: string;
  readonly end?: ExtraEnd;
}

/** Everything expansion needs from a series, parsed once and cached per series object. */
export interface CompiledSeries {
  readonly series: Series;
  readonly zone: Zone;
  readonly rule: CompiledRule | undefined;
  /** The start's wall time: (start, startTime). */
  readonly startWall: number;
  /** Exact elapsed length, when the series has a `duration`. */
  readonly durationMs: number | undefined;
  /** Nominal wall-clock length: end wall time minus start wall time. */
  readonly wallLengthMs: number;
  /** Excluded dates: no occurrence on them is built. */
  readonly excludedDays: ReadonlySet<number>;
  /** Rule occurrences not built in the rule loop: excluded by date-time, cancelled or moved. */
  readonly skippedWalls: ReadonlySet<number>;
  /** Included and moved starts, ascending by wall time. */
  readonly extras: readonly ExtraStart[];
  /** Whether the series has a last occurrence (no rule, or a count or until). */
  readonly finite: boolean;
}

const cache = new WeakMap<Series, CompiledSeries>();

/**
 * The compiled form of a series (memoized on the frozen object `defineSeries` returned).
 * Anything else — a series read back from JSON, a hand-built object — is validated by
 * `requireSeries` first, so bad input is a typed error here too, never a crash.
 */
export function compileSeries(series: Series): CompiledSeries {
  let compiled = cache.get(series);
  if (compiled === undefined) {
    const defined = requireSeries(series);
    compiled = compile(defined);
    // A series without includes and overrides compiles in a few steps: remembering it
    // would cost more (a weak entry per series, which every garbage collection visits).
    if (compiled.extras !== noExtras) cache.set(defined, compiled);
  }
  return compiled;
}

const noExtras: readonly ExtraStart[] = Object.freeze([]);

/** Expansion's view of a defined series, built from the numbers `defineSeries` already parsed. */
function compile(series: Series): CompiledSeries {
  const parsed = parsedSeriesOf(series)!;
  const { startDay, startMs, durationMs, wallLengthMs, rule, excludedDays } = parsed;
  const plain = parsed.overrides.length === 0 && series.include.length === 0;
  const { skippedWalls, extras } = plain ? { skippedWalls: parsed.excludedWalls, extras: noExtras } : extraStarts(series, parsed);
  return {
    series,
    zone: getZone(series.timezone),
    rule,
    startWall: startDay * milliInDay + startMs,
    durationMs,
    wallLengthMs,
    excludedDays,
    skippedWalls,
    extras,
    finite: rule === undefined || rule.count !== Infinity || rule.untilWall !== Infinity,
  };
}

/** The includes and moved occurrences as extra starts, and the rule occurrences the loop must skip. */
function extraStarts(series: Series, { excludedDays, excludedWalls, includeWalls, overrides }: ParsedSeries): Pick<CompiledSeries, 'skippedWalls' | 'extras'> {
  const overridden = new Set(overrides.map(({ key }) => key));
  const skippedWalls = new Set(excludedWalls);
  const extras: ExtraStart[] = [];
  series.include.forEach((key, i) => {
    const wallMs = includeWalls[i]!;
    if (!excludedDays.has(Math.floor(wallMs / milliInDay)) && !excludedWalls.has(wallMs) && !overridden.has(key)) extras.push({ wallMs, key });
  });
  for (const { key, wallMs, override } of overrides) {
    skippedWalls.add(wallMs);
    if (!('cancelled' in override)) extras.push(moved(key, wallMs, override));
  }
  if (extras.length > 1) extras.sort((a, b) => a.wallMs - b.wallMs || (a.key < b.key ? -1 : 1));
  return { skippedWalls, extras };
}

/** Where a moved occurrence lands: its own date and start time unless the override says otherwise. */
function moved(key: string, wallMs: number, override: MoveOverride): ExtraStart {
  const day = override.date === undefined ? Math.floor(wallMs / milliInDay) : (parseLocalDate(override.date) as number);
  const startMs = override.startTime === undefined ? wallMs - Math.floor(wallMs / milliInDay) * milliInDay : (parseLocalTime(override.startTime) as number);
  const start = day * milliInDay + startMs;
  if (override.duration !== undefined) return { wallMs: start, key, end: { durationMs: parseDuration(override.duration, { allowZero: true }) as number } };
  if (override.endTime !== undefined) {
    const endMs = parseLocalTime(override.endTime) as number;
    return { wallMs: start, key, end: { wallMs: day * milliInDay + endMs + (endMs <= startMs ? milliInDay : 0) } };
  }
  return { wallMs: start, key };
}
