import { parseDuration } from '../series/duration.js';
import type { Series } from '../series/types.js';
import { formatLocalDateTime, formatLocalTime, parseLocalDate, parseLocalDateTime, parseLocalTime } from '../time/local-format.js';
import { milliInDay } from '../time/units.js';
import { getZone, type Zone } from '../time/zone.js';
import { type CompiledRule, compileRule } from './compiled-rule.js';

/** An `include` start: its wall time and key. */
export interface IncludedStart {
  readonly wallMs: number;
  readonly key: string;
}

/** Everything expansion needs from a series, parsed once and cached per series object. */
export interface CompiledSeries {
  readonly series: Series;
  readonly zone: Zone;
  readonly rule: CompiledRule | undefined;
  readonly startDay: number;
  /** Local start time, ms after midnight. */
  readonly startMs: number;
  /** `T09:30`: the time part of every rule occurrence's key. */
  readonly keyTimeSuffix: string;
  /** Exact elapsed length, when the series has a `duration`. */
  readonly durationMs: number | undefined;
  /** Nominal wall-clock length: end wall time minus start wall time. */
  readonly wallLengthMs: number;
  readonly excludedDays: ReadonlySet<number>;
  /** Included starts, ascending, excluded dates removed. */
  readonly included: readonly IncludedStart[];
  /** Whether the series has a last occurrence (no rule, or a count or until). */
  readonly finite: boolean;
}

const cache = new WeakMap<Series, CompiledSeries>();

/** The compiled form of a series made by `defineSeries` (memoized on the frozen object). */
export function compileSeries(series: Series): CompiledSeries {
  let compiled = cache.get(series);
  if (compiled === undefined) {
    compiled = compile(series);
    cache.set(series, compiled);
  }
  return compiled;
}

function compile(series: Series): CompiledSeries {
  const startDay = parseLocalDate(series.start) as number;
  const startMs = parseLocalTime(series.startTime) as number;
  const durationMs = series.duration === undefined ? undefined : (parseDuration(series.duration) as number);
  let wallLengthMs: number;
  if (durationMs !== undefined) {
    wallLengthMs = durationMs;
  } else {
    const endMs = parseLocalTime(series.endTime!) as number;
    wallLengthMs = endMs > startMs ? endMs - startMs : endMs + milliInDay - startMs;
  }
  const excludedDays = new Set(series.exclude.map((date) => parseLocalDate(date) as number));
  const included = series.include
    .map((text) => {
      const wallMs = parseLocalDateTime(text) as number;
      return { wallMs, key: formatLocalDateTime(wallMs) };
    })
    .filter(({ wallMs }) => !excludedDays.has(Math.floor(wallMs / milliInDay)))
    .sort((a, b) => a.wallMs - b.wallMs);
  const rule = series.repeat === undefined ? undefined : compileRule(series.repeat, startDay);
  return {
    series,
    zone: getZone(series.timezone),
    rule,
    startDay,
    startMs,
    keyTimeSuffix: 'T' + formatLocalTime(startMs),
    durationMs,
    wallLengthMs,
    excludedDays,
    included,
    finite: rule === undefined || rule.count !== Infinity || rule.untilDay !== Infinity,
  };
}
