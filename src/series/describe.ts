import { civilToEpochDays, epochDaysToWeekday } from '../time/civil.js';
import { describeRule } from './describe-rule.js';
import { counted, joinWords, weekdayOrder } from './describe-words.js';
import { requireSeries } from './require-series.js';
import type { Series } from './types.js';

const shortMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A series in plain English, e.g. `Every 2 weeks on Monday and Thursday, 22:00–06:00
 * (next day), Europe/Berlin, from 6 Jan 2025 until 31 Dec 2025, except 3 dates`.
 *
 * Comma-separated clauses, always in this order: the rule (or `Once on <date>`), the time
 * of day (`09:30–10:00`, `22:00–06:00 (next day)`, `09:30 for 45 minutes`), the zone, the
 * span (`from <start>` and `until <date>`, `, 10 times` or `, no end`), then only when
 * they apply: `except N dates`, `plus N extra occurrences`, `with N occurrences cancelled
 * and M moved`, and non-default DST policies. The text depends on nothing but the series:
 * names are hand-written, never `Intl` or the host locale. See docs/interop.md.
 *
 * @param series - a series from `defineSeries`, or raw input (JSON read back, an RRULE string
 *   for `repeat`), which is validated and normalized first, like every entry that takes a series
 * @returns one line of English, without a final full stop
 * @throws {InvalidArgumentError} when `series` is not an object
 * @throws {SeriesValidationError} when `series` is raw input that is not a valid series
 *
 * @example
 * describe(defineSeries({ id: 'standup', timezone: 'Europe/Berlin', start: '2025-01-06',
 *   startTime: '09:30', endTime: '10:00', repeat: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10' }));
 * //=> 'Every week on Monday, Wednesday and Friday, 09:30–10:00, Europe/Berlin, from 6 Jan 2025, 10 times'
 */
export function describe(series: Series): string {
  series = requireSeries(series);
  const [year, month, day] = series.start.split('-').map(Number) as [number, number, number];
  const weekday = weekdayOrder[epochDaysToWeekday(civilToEpochDays(year, month, day))]!;
  const rule = series.repeat;
  const clauses = [
    rule === undefined ? `Once on ${dateText(series.start)}` : describeRule(rule, { month, day, weekday, time: series.startTime }),
    timeText(series),
    series.timezone,
  ];
  if (rule !== undefined) {
    const from = `from ${dateText(series.start)}`;
    if (rule.until !== undefined) clauses.push(`${from} until ${untilText(rule.until)}`);
    else if (rule.count !== undefined) clauses.push(from, rule.count === 1 ? 'once' : `${rule.count} times`);
    else clauses.push(from, 'no end');
  }
  if (series.exclude.length > 0) clauses.push(`except ${counted(series.exclude.length, 'date')}`);
  if (series.include.length > 0) clauses.push(`plus ${counted(series.include.length, 'extra occurrence')}`);
  const overrides = overridesText(series);
  if (overrides !== undefined) clauses.push(overrides);
  const dst = dstText(series);
  if (dst !== undefined) clauses.push(dst);
  return clauses.join(', ');
}

/** `6 Jan 2025` of `2025-01-06`. */
function dateText(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${shortMonths[month - 1]} ${year}`;
}

/** `6 Jan 2025`, or `6 Jan 2025 17:00` for a date-time. */
function untilText(until: string): string {
  return until.includes('T') ? `${dateText(until.slice(0, 10))} ${until.slice(11)}` : dateText(until);
}

/** With several times a day, each occurrence's length; else its time of day and length. */
function timeText(series: Series): string {
  const rule = series.repeat;
  const manyTimes = rule !== undefined && (['hourly', 'minutely', 'secondly'].includes(rule.freq) || rule.byHour !== undefined || rule.byMinute !== undefined || rule.bySecond !== undefined);
  if (manyTimes) return `${durationText(series.duration ?? wallLengthDuration(series))} each`;
  if (series.duration !== undefined) return `${series.startTime} for ${durationText(series.duration)}`;
  const overnight = series.endTime! <= series.startTime;
  return `${series.startTime}–${series.endTime}${overnight ? ' (next day)' : ''}`;
}

const durationUnits = ['week', 'day', 'hour', 'minute', 'second'];

/** The nominal wall-clock length `endTime − startTime` (across midnight when not after it), as an ISO duration. */
function wallLengthDuration(series: Series): string {
  const seconds = (time: string) => time.split(':').reduce((total, part, i) => total + Number(part) * [3600, 60, 1][i]!, 0);
  let length = seconds(series.endTime!) - seconds(series.startTime);
  if (length <= 0) length += 86_400;
  return `PT${Math.floor(length / 3600)}H${Math.floor(length / 60) % 60}M${length % 60}S`;
}

/** `45 minutes`, `1 hour and 30 minutes`, `1 day and 2 hours`: the duration as written. */
function durationText(duration: string): string {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(duration)!;
  const parts = match.slice(1).flatMap((value, i) => (value === undefined || Number(value) === 0 ? [] : [counted(Number(value), durationUnits[i]!)]));
  return joinWords(parts);
}

function overridesText(series: Series): string | undefined {
  const overrides = Object.values(series.overrides ?? {});
  const cancelled = overrides.filter((override) => 'cancelled' in override).length;
  const moved = overrides.length - cancelled;
  if (overrides.length === 0) return undefined;
  if (moved === 0) return `with ${counted(cancelled, 'occurrence')} cancelled`;
  if (cancelled === 0) return `with ${counted(moved, 'occurrence')} moved`;
  return `with ${counted(cancelled, 'occurrence')} cancelled and ${moved} moved`;
}

/** Only the policies that differ from the defaults (shift, earlier). */
function dstText(series: Series): string | undefined {
  const parts: string[] = [];
  if (series.dst.nonexistent === 'skip') parts.push('skipping starts in DST gaps');
  if (series.dst.nonexistent === 'error') parts.push('treating starts in DST gaps as errors');
  if (series.dst.ambiguous === 'later') parts.push('taking the later of repeated wall times');
  return parts.length === 0 ? undefined : joinWords(parts);
}

