/**
 * An independent oracle for `expand`: rrule.js (python-dateutil's algorithm) in floating
 * mode picks the dates, luxon turns wall times into instants, and the DST policies are
 * applied here, plainly, from DESIGN.md. Nothing here imports the library's internals.
 */
import { DateTime } from 'luxon';
import rrulePackage from 'rrule';
import type { Block, Series, WeekdaySpec } from '../../src/index.js';

const { RRule } = rrulePackage;
const DAY = 86_400_000;

const frequencies = {
  daily: RRule.DAILY,
  weekly: RRule.WEEKLY,
  monthly: RRule.MONTHLY,
  yearly: RRule.YEARLY,
  hourly: RRule.HOURLY,
  minutely: RRule.MINUTELY,
  secondly: RRule.SECONDLY,
} as const;

function wallOf(date: string, time: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s = 0] = time.split(':').map(Number) as [number, number, number?];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

function weekdayOf(spec: WeekdaySpec) {
  return typeof spec === 'string' ? RRule[spec] : RRule[spec.day].nth(spec.nth);
}

const units = { hourly: 3_600_000, minutely: 60_000, secondly: 1000 } as const;
const weekdayCodes = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/**
 * Sub-daily rules, plainly (rrule.js mis-steps where its "jump to the next day" meets a
 * period that divides the day): every period from the start's, `interval` units apart in
 * wall-clock time, kept when it passes the day filters and the hour/minute/second limits,
 * expanded by the time parts below the frequency (each defaulting to the start's), bySetPos
 * picking within the period.
 */
function plainSubDailyWalls(series: Series, through: number): number[] {
  const rule = series.repeat!;
  const freq = rule.freq as keyof typeof units;
  const unit = units[freq];
  const startWall = wallOf(series.start, series.startTime);
  const start = new Date(startWall);
  const until = rule.until === undefined ? Infinity : rule.until.includes('T') ? wallOf(rule.until.slice(0, 10), rule.until.slice(11)) : wallOf(rule.until, '23:59:59');
  const last = Math.min(until, through);
  const count = rule.count ?? Infinity;
  const minutes = freq === 'hourly' ? (rule.byMinute ?? [start.getUTCMinutes()]) : [0];
  const seconds = freq === 'secondly' ? [0] : (rule.bySecond ?? [start.getUTCSeconds()]);
  let offsets = freq === 'hourly' ? minutes.flatMap((m) => seconds.map((sec) => m * 60_000 + sec * 1000)) : seconds.map((sec) => sec * 1000);
  offsets.sort((a, b) => a - b);
  if (rule.bySetPos) {
    const picked = rule.bySetPos.map((pos) => offsets[pos > 0 ? pos - 1 : offsets.length + pos]).filter((x) => x !== undefined);
    offsets = [...new Set(picked)].sort((a, b) => a - b);
  }
  const walls: number[] = [];
  for (let period = Math.floor(startWall / unit) * unit; period <= last && walls.length < count; period += rule.interval * unit) {
    const d = new Date(period);
    const monthLength = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    if (rule.byMonth && !rule.byMonth.includes(d.getUTCMonth() + 1)) continue;
    if (rule.byMonthDay && !rule.byMonthDay.some((n) => n === d.getUTCDate() || n === d.getUTCDate() - monthLength - 1)) continue;
    if (rule.byWeekday && !rule.byWeekday.includes(weekdayCodes[d.getUTCDay()] as WeekdaySpec)) continue;
    if (rule.byHour && !rule.byHour.includes(d.getUTCHours())) continue;
    if (freq !== 'hourly' && rule.byMinute && !rule.byMinute.includes(d.getUTCMinutes())) continue;
    if (freq === 'secondly' && rule.bySecond && !rule.bySecond.includes(d.getUTCSeconds())) continue;
    for (const offset of offsets) {
      const wall = period + offset;
      if (wall >= startWall && wall <= last && walls.length < count) walls.push(wall);
    }
  }
  return walls;
}

/** Rule occurrence wall times (ms, wall-as-UTC) per rrule.js, ascending; `through` bounds never-ending rules. */
export function oracleRuleWalls(series: Series, through: number): number[] {
  const rule = series.repeat;
  const dtstart = new Date(wallOf(series.start, series.startTime));
  if (rule === undefined) return [dtstart.getTime()];
  if (rule.freq in units) return plainSubDailyWalls(series, through);
  const options: Partial<ConstructorParameters<typeof RRule>[0]> = {
    freq: frequencies[rule.freq],
    interval: rule.interval,
    dtstart,
    wkst: RRule[rule.weekStart],
  };
  if (rule.byWeekday) options.byweekday = rule.byWeekday.map(weekdayOf);
  if (rule.byMonthDay) options.bymonthday = [...rule.byMonthDay];
  if (rule.byMonth) options.bymonth = [...rule.byMonth];
  if (rule.bySetPos) options.bysetpos = [...rule.bySetPos];
  if (rule.byYearDay) options.byyearday = [...rule.byYearDay];
  if (rule.byWeekNo) options.byweekno = [...rule.byWeekNo];
  if (rule.byHour) options.byhour = [...rule.byHour];
  if (rule.byMinute) options.byminute = [...rule.byMinute];
  if (rule.bySecond) options.bysecond = [...rule.bySecond];
  if (rule.skip !== undefined) throw new Error('rrule.js knows no RFC 7529 SKIP: test SKIP against the hand-checked table');
  if (rule.count !== undefined) options.count = rule.count;
  if (rule.until !== undefined) options.until = new Date(rule.until.includes('T') ? wallOf(rule.until.slice(0, 10), rule.until.slice(11)) : wallOf(rule.until, '23:59:59'));
  const rrule = new RRule(options);
  const dates = rule.count === undefined && rule.until === undefined ? rrule.between(dtstart, new Date(through), true) : rrule.all();
  return dates.map((date) => date.getTime());
}

/** Offset in ms of `zone` at an instant, per luxon. */
function offsetAt(zone: string, instant: number): number {
  return DateTime.fromMillis(instant, { zone }).offset * 60_000;
}

/** Wall → instant: the candidate instants, or none in a gap. */
function candidates(zone: string, wall: number): number[] {
  const offsets = [...new Set([offsetAt(zone, wall - DAY), offsetAt(zone, wall + DAY)])];
  return offsets
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(zone, instant) === wall - instant)
    .sort((a, b) => a - b);
}

function resolve(zone: string, wall: number, ambiguous: 'earlier' | 'later'): { instant: number; gap: boolean; twice: boolean } {
  const found = candidates(zone, wall);
  if (found.length === 0) return { instant: wall - offsetAt(zone, wall - DAY), gap: true, twice: false };
  return { instant: ambiguous === 'earlier' ? found[0]! : found[found.length - 1]!, gap: false, twice: found.length > 1 };
}

function durationMs(text: string): number {
  const match = /^PT(\d+)M$/.exec(text);
  if (match === null) throw new Error(`oracle understands only PTnM durations, got ${text}`);
  return Number(match[1]) * 60_000;
}

function formatKey(wall: number): string {
  const iso = new Date(wall).toISOString();
  return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso.slice(0, 19);
}

export interface OracleResult {
  /** Blocks as the library should return them, minus `adjusted`. */
  blocks: Array<Omit<Block, 'adjusted'>>;
  /** Keys of in-window occurrences whose start is in a gap (for `dst.nonexistent: 'error'`). */
  gapKeys: string[];
}

/** What `expand(series, { from, to })` must return, computed independently. */
export function oracleExpand(series: Series, from: number, to: number): OracleResult {
  const zone = series.timezone;
  const startWallMs = wallOf('1970-01-01', series.startTime);
  const wallLength =
    series.duration !== undefined
      ? durationMs(series.duration)
      : ((wallOf('1970-01-01', series.endTime!) - startWallMs + DAY - 1) % DAY) + 1;
  const excluded = new Set(series.exclude);
  const through = to === Infinity ? Infinity : to + 3 * DAY;
  const walls = new Set(oracleRuleWalls(series, through));
  for (const text of series.include) walls.add(wallOf(text.slice(0, 10), text.slice(11)));
  const blocks: OracleResult['blocks'] = [];
  const gapKeys: string[] = [];
  for (const wall of [...walls].sort((a, b) => a - b)) {
    const key = formatKey(wall);
    if (excluded.has(key.slice(0, 10)) || excluded.has(key)) continue;
    const start = resolve(zone, wall, series.dst.ambiguous);
    if (start.gap && series.dst.nonexistent === 'skip') continue;
    let end =
      series.duration !== undefined ? start.instant + wallLength : resolve(zone, wall + wallLength, series.dst.ambiguous).instant;
    if (end <= start.instant) end = start.instant + wallLength;
    if (!(start.instant < to && end > from)) continue;
    if (start.gap && series.dst.nonexistent === 'error') gapKeys.push(key);
    blocks.push({ seriesId: series.id, key, start: start.instant, end });
  }
  blocks.sort((a, b) => a.start - b.start || a.end - b.end || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { blocks, gapKeys };
}
