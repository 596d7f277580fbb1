import { civilToEpochDays, epochDaysToCivil, epochDaysToWeekday, monthIndex } from '../time/civil.js';
import { parseLocalDate } from '../time/local-format.js';
import type { Frequency, Rule, Weekday } from './types.js';

export const weekdayIndex: Record<Weekday, number> = { MO: 0, TU: 1, WE: 2, TH: 3, FR: 4, SA: 5, SU: 6 };

/**
 * A rule prepared for iteration: lists as masks and arrays, RFC 5545 / python-dateutil
 * defaults filled in from the start date (a weekly rule without byWeekday repeats on the
 * start's weekday, and so on).
 */
export interface CompiledRule {
  readonly freq: Frequency;
  readonly interval: number;
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
  readonly count: number;
  readonly untilDay: number;
  /** Periods after which the Gregorian calendar repeats for this rule: an empty run this long means "never again". */
  readonly cyclePeriods: number;
}

/** Gregorian cycle: 400 years = 146 097 days = 20 871 weeks = 4 800 months. */
const cycleByFreq: Record<Frequency, number> = { daily: 146_097, weekly: 20_871, monthly: 4_800, yearly: 400 };

export function compileRule(rule: Rule, startDay: number): CompiledRule {
  const start = epochDaysToCivil(startDay);
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
  const until = rule.until === undefined ? Infinity : (parseLocalDate(rule.until) as number);
  return {
    freq: rule.freq,
    interval: rule.interval,
    startDay,
    weekdayMask,
    nthWeekdays,
    monthDays: byMonthDay,
    monthMask,
    yearDays: rule.byYearDay ?? [],
    weekNos: rule.byWeekNo ?? [],
    setPos: rule.bySetPos ?? [],
    weekStart: weekdayIndex[rule.weekStart],
    count: rule.count ?? Infinity,
    untilDay: until,
    cyclePeriods: cycleByFreq[rule.freq],
  };
}

/** First day of period 0: the start (daily), its week (weekly), month or year. */
export function firstPeriodDay(rule: CompiledRule): number {
  const start = epochDaysToCivil(rule.startDay);
  switch (rule.freq) {
    case 'daily':
      return rule.startDay;
    case 'weekly':
      return rule.startDay - ((epochDaysToWeekday(rule.startDay) - rule.weekStart + 7) % 7);
    case 'monthly':
      return civilToEpochDays(start.year, start.month, 1);
    case 'yearly':
      return civilToEpochDays(start.year, 1, 1);
  }
}

/** The index of the last period that begins on or before `day` (0 when `day` is earlier). */
export function periodIndexAtOrBefore(rule: CompiledRule, day: number): number {
  if (!Number.isFinite(day)) return 0;
  const start = epochDaysToCivil(rule.startDay);
  let k: number;
  switch (rule.freq) {
    case 'daily':
      k = Math.floor((day - rule.startDay) / rule.interval);
      break;
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
  }
  return Math.max(0, k);
}
