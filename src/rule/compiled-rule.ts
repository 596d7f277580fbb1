import { civilToEpochDays, epochDaysToCivil, epochDaysToWeekday, monthIndex } from '../time/civil.js';
import { parseLocalDate, parseLocalDateTime } from '../time/local-format.js';
import { milliInDay, milliInHour, milliInMinute, milliInSec } from '../time/units.js';
import type { Frequency, Rule, Skip, Weekday } from './types.js';

export const weekdayIndex: Record<Weekday, number> = { MO: 0, TU: 1, WE: 2, TH: 3, FR: 4, SA: 5, SU: 6 };

/** The length of one period of each sub-daily frequency. */
export const subDailyUnitMs: Partial<Record<Frequency, number>> = { hourly: milliInHour, minutely: milliInMinute, secondly: milliInSec };

/** Whether a frequency's period is shorter than a day. */
export function isSubDaily(freq: Frequency): freq is 'hourly' | 'minutely' | 'secondly' {
  return freq === 'hourly' || freq === 'minutely' || freq === 'secondly';
}

/**
 * A rule prepared for iteration over local wall-clock times (ms since 1970-01-01T00:00
 * wall time, no zone): lists as masks and arrays, RFC 5545 / python-dateutil defaults
 * filled in from the start (a weekly rule without byWeekday repeats on the start's
 * weekday, a daily rule without byHour at the start's hour, and so on).
 */
export interface CompiledRule {
  readonly freq: Frequency;
  readonly interval: number;
  /** The start's wall time: no occurrence is earlier, and sub-daily periods step from it. */
  readonly startWall: number;
  readonly startDay: number;
  /** Bit `w` set: plain weekday `w` (Monday = 0) is selected. */
  readonly weekdayMask: number;
  /** `[weekday, nth]` pairs (monthly, yearly). */
  readonly nthWeekdays: ReadonlyArray<readonly [number, number]>;
  readonly monthDays: readonly number[];
  /** Bit `m` set (1–12): month m is selected; 0 means every month. */
  readonly monthMask: number;
  readonly yearDays: readonly number[];
  readonly weekNos: readonly number[];
  readonly setPos: readonly number[];
  readonly weekStart: number;
  readonly skip: Skip;
  /**
   * Day-level frequencies: the times of day (ms after midnight, ascending) of every
   * selected day — byHour × byMinute × bySecond, each defaulting to the start's.
   */
  readonly times: readonly number[];
  /** Sub-daily: selected hours (bit h), or 0 for every hour. */
  readonly hourMask: number;
  /** Sub-daily: selected minutes / seconds (index → 1), or undefined for all. */
  readonly minuteSet: Uint8Array | undefined;
  readonly secondSet: Uint8Array | undefined;
  /** Sub-daily: offsets within one period (ascending, bySetPos applied) that it expands to. */
  readonly periodOffsets: readonly number[];
  readonly count: number;
  /** Last wall time an occurrence may have (inclusive); Infinity when none. */
  readonly untilWall: number;
  /** Periods after which the Gregorian calendar repeats for this rule: an empty run this long means "never again". */
  readonly cyclePeriods: number;
}

/** Gregorian cycle: 400 years = 146 097 days = 20 871 weeks = 4 800 months. */
const cycleByFreq: Record<Frequency, number> = {
  daily: 146_097,
  weekly: 20_871,
  monthly: 4_800,
  yearly: 400,
  // Sub-daily rules walk days (see RuleCursor): the day cycle bounds them as for daily,
  // with the period pattern inside a day (at most `interval` days long) on top.
  hourly: 146_097,
  minutely: 146_097,
  secondly: 146_097,
};

/** `until` as the last wall time it allows: a date means "through the end of that day". */
export function untilWallOf(until: string | undefined): number {
  if (until === undefined) return Infinity;
  if (until.includes('T')) return parseLocalDateTime(until) as number;
  return ((parseLocalDate(until) as number) + 1) * milliInDay - 1;
}

export function compileRule(rule: Rule, startWall: number): CompiledRule {
  const startDay = Math.floor(startWall / milliInDay);
  const startMs = startWall - startDay * milliInDay;
  const start = epochDaysToCivil(startDay);
  const startHour = Math.floor(startMs / milliInHour);
  const startMinute = Math.floor(startMs / milliInMinute) % 60;
  const startSecond = Math.floor(startMs / milliInSec) % 60;
  let byMonth = rule.byMonth ?? [];
  let byMonthDay = rule.byMonthDay ?? [];
  let weekdayMask = 0;
  const nthWeekdays: Array<readonly [number, number]> = [];
  for (const spec of rule.byWeekday ?? []) {
    if (typeof spec === 'string') weekdayMask |= 1 << weekdayIndex[spec];
    else nthWeekdays.push([weekdayIndex[spec.day], spec.nth]);
  }
  const hasDaySelector =
    rule.byWeekNo !== undefined || rule.byYearDay !== undefined || rule.byMonthDay !== undefined || rule.byWeekday !== undefined;
  if (!hasDaySelector) {
    if (rule.freq === 'yearly') {
      if (rule.byMonth === undefined) byMonth = [start.month];
      byMonthDay = [start.day];
    } else if (rule.freq === 'monthly') {
      byMonthDay = [start.day];
    } else if (rule.freq === 'weekly') {
      weekdayMask = 1 << epochDaysToWeekday(startDay);
    }
  }
  let monthMask = 0;
  for (const month of byMonth) monthMask |= 1 << month;

  const subDaily = isSubDaily(rule.freq);
  // dateutil: a time part below the frequency defaults to the start's; at or above it, it is a limit.
  const hours = rule.byHour ?? (subDaily ? undefined : [startHour]);
  const minutes = rule.byMinute ?? (rule.freq === 'minutely' || rule.freq === 'secondly' ? undefined : [startMinute]);
  const seconds = rule.bySecond ?? (rule.freq === 'secondly' ? undefined : [startSecond]);
  let hourMask = 0;
  for (const hour of rule.byHour ?? []) hourMask |= 1 << hour;
  const times: number[] = [];
  let periodOffsets: number[] = [];
  if (!subDaily) {
    for (const h of hours!) for (const m of minutes!) for (const s of seconds!) times.push(h * milliInHour + m * milliInMinute + s * milliInSec);
    times.sort((a, b) => a - b);
  } else {
    // The set one period expands to: the by-parts below the frequency (RFC 5545's table).
    if (rule.freq === 'hourly') for (const m of minutes!) for (const s of seconds!) periodOffsets.push(m * milliInMinute + s * milliInSec);
    else if (rule.freq === 'minutely') for (const s of seconds!) periodOffsets.push(s * milliInSec);
    else periodOffsets.push(0);
    periodOffsets.sort((a, b) => a - b);
    if (rule.bySetPos !== undefined) periodOffsets = pickPositions(rule.bySetPos, periodOffsets);
  }
  return {
    freq: rule.freq,
    interval: rule.interval,
    startWall,
    startDay,
    weekdayMask,
    nthWeekdays,
    monthDays: byMonthDay,
    monthMask,
    yearDays: rule.byYearDay ?? [],
    weekNos: rule.byWeekNo ?? [],
    setPos: subDaily ? [] : (rule.bySetPos ?? []),
    weekStart: weekdayIndex[rule.weekStart],
    skip: rule.skip ?? 'omit',
    times,
    hourMask: subDaily ? hourMask : 0,
    minuteSet: subDaily && rule.byMinute !== undefined && rule.freq !== 'hourly' ? setOf(rule.byMinute) : undefined,
    secondSet: rule.freq === 'secondly' && rule.bySecond !== undefined ? setOf(rule.bySecond) : undefined,
    periodOffsets,
    count: rule.count ?? Infinity,
    untilWall: untilWallOf(rule.until),
    cyclePeriods: cycleByFreq[rule.freq],
  };
}

function setOf(values: readonly number[]): Uint8Array {
  const set = new Uint8Array(60);
  for (const value of values) set[value] = 1;
  return set;
}

/** BYSETPOS over a sorted list: the listed positions (1-based, negative from the end), ascending, once each. */
export function pickPositions<T extends number>(setPos: readonly number[], sorted: readonly T[]): T[] {
  const picked = new Set<T>();
  for (const pos of setPos) {
    const index = pos > 0 ? pos - 1 : sorted.length + pos;
    if (index >= 0 && index < sorted.length) picked.add(sorted[index]!);
  }
  return [...picked].sort((a, b) => a - b);
}

/** First day of period 0: the start (daily and finer), its week (weekly), month or year. */
export function firstPeriodDay(rule: CompiledRule): number {
  const start = epochDaysToCivil(rule.startDay);
  switch (rule.freq) {
    case 'weekly':
      return rule.startDay - ((epochDaysToWeekday(rule.startDay) - rule.weekStart + 7) % 7);
    case 'monthly':
      return civilToEpochDays(start.year, start.month, 1);
    case 'yearly':
      return civilToEpochDays(start.year, 1, 1);
    default:
      return rule.startDay;
  }
}

/** The index of the last day-level period that begins on or before `day` (0 when `day` is earlier). */
export function periodIndexAtOrBefore(rule: CompiledRule, day: number): number {
  if (!Number.isFinite(day)) return 0;
  const start = epochDaysToCivil(rule.startDay);
  let k: number;
  switch (rule.freq) {
    case 'weekly':
      k = Math.floor((day - firstPeriodDay(rule)) / (7 * rule.interval));
      break;
    case 'monthly': {
      const date = epochDaysToCivil(day);
      k = Math.floor((monthIndex(date.year, date.month) - monthIndex(start.year, start.month)) / rule.interval);
      break;
    }
    case 'yearly':
      k = Math.floor((epochDaysToCivil(day).year - start.year) / rule.interval);
      break;
    case 'daily':
      k = Math.floor((day - rule.startDay) / rule.interval);
      break;
    default:
      k = day - rule.startDay; // sub-daily rules walk one day at a time
  }
  return Math.max(0, k);
}
