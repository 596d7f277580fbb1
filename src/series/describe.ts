import { InvalidArgumentError } from '../errors.js';
import { civilToEpochDays, epochDaysToWeekday } from '../time/civil.js';
import { describeRule } from './describe-rule.js';
import { counted, joinWords, weekdayOrder } from './describe-words.js';
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
 * @param series - a series from `defineSeries`
 * @returns one line of English, without a final full stop
 * @throws {InvalidArgumentError} when `series` is not a normalized series (field `series.<path>`);
 *   pass raw input through `defineSeries` first
 *
 * @example
 * describe(defineSeries({ id: 'standup', timezone: 'Europe/Berlin', start: '2025-01-06',
 *   startTime: '09:30', endTime: '10:00', repeat: 'FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=10' }));
 * //=> 'Every week on Monday, Wednesday and Friday, 09:30–10:00, Europe/Berlin, from 6 Jan 2025, 10 times'
 */
export function describe(series: Series): string {
  checkShape(series);
  const [year, month, day] = series.start.split('-').map(Number) as [number, number, number];
  const weekday = weekdayOrder[epochDaysToWeekday(civilToEpochDays(year, month, day))]!;
  const rule = series.repeat;
  const clauses = [
    rule === undefined ? `Once on ${dateText(series.start)}` : describeRule(rule, { month, day, weekday }),
    timeText(series),
    series.timezone,
  ];
  if (rule !== undefined) {
    const from = `from ${dateText(series.start)}`;
    if (rule.until !== undefined) clauses.push(`${from} until ${dateText(rule.until)}`);
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

function timeText(series: Series): string {
  if (series.duration !== undefined) return `${series.startTime} for ${durationText(series.duration)}`;
  const overnight = series.endTime! <= series.startTime;
  return `${series.startTime}–${series.endTime}${overnight ? ' (next day)' : ''}`;
}

const durationUnits = ['week', 'day', 'hour', 'minute', 'second'];

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

const datePattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const durationPattern = /^P(?=\d|T\d)(?:\d+W)?(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/;
const frequencies = ['daily', 'weekly', 'monthly', 'yearly'];

/**
 * The fields `describe` reads have the normalized shapes `defineSeries` gives them, so a
 * raw input (an RRULE string for `repeat`, a missing `exclude`) fails here, by name.
 */
function checkShape(series: Series): void {
  const fail = (field: string, problem: string): never => {
    throw new InvalidArgumentError(field, `${problem}; pass the input through defineSeries first`);
  };
  if (typeof series !== 'object' || series === null) fail('series', 'expected a series');
  const isString = (value: unknown, pattern: RegExp) => typeof value === 'string' && pattern.test(value);
  if (typeof series.timezone !== 'string' || series.timezone === '') fail('series.timezone', 'expected a time zone name');
  if (!isString(series.start, datePattern)) fail('series.start', 'expected a date YYYY-MM-DD');
  if (!isString(series.startTime, timePattern)) fail('series.startTime', 'expected a time HH:mm[:ss]');
  if ((series.endTime === undefined) === (series.duration === undefined)) fail('series.endTime', 'expected exactly one of endTime and duration');
  if (series.endTime !== undefined && !isString(series.endTime, timePattern)) fail('series.endTime', 'expected a time HH:mm[:ss]');
  if (series.duration !== undefined && !isString(series.duration, durationPattern)) fail('series.duration', 'expected an ISO 8601 duration such as PT45M');
  for (const field of ['exclude', 'include'] as const) {
    if (!Array.isArray(series[field])) fail(`series.${field}`, 'expected a list');
  }
  if (typeof series.dst !== 'object' || series.dst === null) fail('series.dst', 'expected { nonexistent, ambiguous }');
  if (series.overrides !== undefined && (typeof series.overrides !== 'object' || series.overrides === null)) fail('series.overrides', 'expected an object');
  const rule = series.repeat;
  if (rule === undefined) return;
  if (typeof rule !== 'object' || rule === null) fail('series.repeat', 'expected a normalized rule object');
  if (!frequencies.includes(rule.freq)) fail('series.repeat.freq', 'expected daily, weekly, monthly or yearly');
  if (!Number.isInteger(rule.interval) || rule.interval < 1) fail('series.repeat.interval', 'expected a positive integer');
  if (!weekdayOrder.includes(rule.weekStart)) fail('series.repeat.weekStart', 'expected a weekday code');
  for (const field of ['byMonthDay', 'byMonth', 'bySetPos', 'byYearDay', 'byWeekNo'] as const) {
    const list = rule[field];
    if (list !== undefined && !(Array.isArray(list) && list.every((n) => Number.isInteger(n) && n !== 0))) fail(`series.repeat.${field}`, 'expected a list of non-zero integers');
  }
  if (rule.byMonth?.some((month) => month < 1 || month > 12)) fail('series.repeat.byMonth', 'expected months 1 to 12');
  const weekdaySpec = (spec: unknown) =>
    typeof spec === 'string'
      ? weekdayOrder.includes(spec as never)
      : typeof spec === 'object' && spec !== null && weekdayOrder.includes((spec as { day: never }).day) && Number.isInteger((spec as { nth: number }).nth) && (spec as { nth: number }).nth !== 0;
  if (rule.byWeekday !== undefined && !(Array.isArray(rule.byWeekday) && rule.byWeekday.every(weekdaySpec))) fail('series.repeat.byWeekday', 'expected a list of weekdays or { day, nth }');
  if (rule.count !== undefined && !(Number.isInteger(rule.count) && rule.count > 0)) fail('series.repeat.count', 'expected a positive integer');
  if (rule.until !== undefined && !isString(rule.until, datePattern)) fail('series.repeat.until', 'expected a date YYYY-MM-DD');
}
