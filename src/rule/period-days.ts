import { civilToEpochDays, daysInMonth, daysInYear, epochDaysToCivil, epochDaysToWeekday } from '../time/civil.js';
import { type CompiledRule, firstPeriodDay } from './compiled-rule.js';

/**
 * The days of one period (a day, week, month or year of the rule) that the rule selects,
 * after every by-part and bySetPos, ascending. BYDAY lists are one set, as RFC 5545 reads
 * them: `MO,-1FR` selects Mondays and the last Friday.
 */
export class PeriodDays {
  readonly #rule: CompiledRule;
  readonly #firstDay: number;
  readonly #startYear: number;
  readonly #startMonthIndex: number;
  readonly #hasWeekdayFilter: boolean;
  readonly #scratch: number[] = [];

  constructor(rule: CompiledRule) {
    this.#rule = rule;
    this.#firstDay = firstPeriodDay(rule);
    const start = epochDaysToCivil(rule.startDay);
    this.#startYear = start.year;
    this.#startMonthIndex = start.year * 12 + start.month - 1;
    this.#hasWeekdayFilter = rule.weekdayMask !== 0 || rule.nthWeekdays.length > 0;
  }

  /** First day of period `k`. */
  periodStart(k: number): number {
    const rule = this.#rule;
    switch (rule.freq) {
      case 'daily':
        return this.#firstDay + k * rule.interval;
      case 'weekly':
        return this.#firstDay + k * 7 * rule.interval;
      case 'monthly': {
        const index = this.#startMonthIndex + k * rule.interval;
        return civilToEpochDays(Math.floor(index / 12), (index % 12) + 1, 1);
      }
      case 'yearly':
        return civilToEpochDays(this.#startYear + k * rule.interval, 1, 1);
    }
  }

  /** Writes the selected days of period `k` into `out` and returns how many there are. */
  fill(k: number, out: number[]): number {
    const rule = this.#rule;
    const raw = rule.setPos.length === 0 ? out : this.#scratch;
    let n: number;
    switch (rule.freq) {
      case 'daily':
        n = this.#daily(this.#firstDay + k * rule.interval, raw);
        break;
      case 'weekly':
        n = this.#weekly(this.#firstDay + k * 7 * rule.interval, raw);
        break;
      case 'monthly': {
        const index = this.#startMonthIndex + k * rule.interval;
        n = this.#monthly(Math.floor(index / 12), (index % 12) + 1, raw);
        break;
      }
      case 'yearly':
        n = this.#yearly(this.#startYear + k * rule.interval, raw);
        break;
    }
    return rule.setPos.length === 0 ? n : applySetPos(rule.setPos, raw, n, out);
  }

  #daily(day: number, out: number[]): number {
    const rule = this.#rule;
    if (rule.weekdayMask !== 0 && (rule.weekdayMask & (1 << epochDaysToWeekday(day))) === 0) return 0;
    if (rule.monthMask !== 0 || rule.monthDays.length > 0) {
      const { year, month, day: dom } = epochDaysToCivil(day);
      if (rule.monthMask !== 0 && (rule.monthMask & (1 << month)) === 0) return 0;
      if (rule.monthDays.length > 0 && !matchesMonthDay(rule.monthDays, dom, daysInMonth(year, month))) return 0;
    }
    out[0] = day;
    return 1;
  }

  #weekly(weekStartDay: number, out: number[]): number {
    const rule = this.#rule;
    let n = 0;
    for (let offset = 0; offset < 7; offset++) {
      const weekday = (rule.weekStart + offset) % 7;
      if ((rule.weekdayMask & (1 << weekday)) === 0) continue;
      const day = weekStartDay + offset;
      if (rule.monthMask !== 0 && (rule.monthMask & (1 << epochDaysToCivil(day).month)) === 0) continue;
      out[n++] = day;
    }
    return n;
  }

  #monthly(year: number, month: number, out: number[]): number {
    const rule = this.#rule;
    if (rule.monthMask !== 0 && (rule.monthMask & (1 << month)) === 0) return 0;
    const length = daysInMonth(year, month);
    const first = civilToEpochDays(year, month, 1);
    let n = 0;
    if (rule.monthDays.length > 0) {
      for (const monthDay of rule.monthDays) {
        const dom = monthDay > 0 ? monthDay : length + monthDay + 1;
        if (dom < 1 || dom > length) continue;
        const day = first + dom - 1;
        if (!this.#hasWeekdayFilter || this.#weekdayMatches(day, first, length)) out[n++] = day;
      }
    } else {
      const firstWeekday = epochDaysToWeekday(first);
      for (let weekday = 0; weekday < 7; weekday++) {
        if ((rule.weekdayMask & (1 << weekday)) === 0) continue;
        for (let day = first + ((weekday - firstWeekday + 7) % 7); day < first + length; day += 7) out[n++] = day;
      }
      for (const [weekday, nth] of rule.nthWeekdays) {
        const day = nthWeekdayIn(first, length, weekday, nth);
        if (day !== undefined) out[n++] = day;
      }
    }
    return sortUnique(out, n);
  }

  /** Plain weekday selected, or the day is one of the nth weekdays of the range [first, first + length). */
  #weekdayMatches(day: number, first: number, length: number): boolean {
    const rule = this.#rule;
    const weekday = epochDaysToWeekday(day);
    if ((rule.weekdayMask & (1 << weekday)) !== 0) return true;
    for (const [nthWeekday, nth] of rule.nthWeekdays) {
      if (nthWeekday === weekday && nthWeekdayIn(first, length, weekday, nth) === day) return true;
    }
    return false;
  }

  #yearly(year: number, out: number[]): number {
    const rule = this.#rule;
    const yearFirst = civilToEpochDays(year, 1, 1);
    const yearLength = daysInYear(year);
    const weeks = rule.weekNos.length > 0 ? new WeekNumbering(year, rule.weekStart) : undefined;
    let n = 0;
    for (let month = 1; month <= 12; month++) {
      if (rule.monthMask !== 0 && (rule.monthMask & (1 << month)) === 0) continue;
      const monthFirst = civilToEpochDays(year, month, 1);
      const monthLength = daysInMonth(year, month);
      // nth weekdays count within the month when byMonth is given, else within the year.
      const [nthFirst, nthLength] = rule.monthMask !== 0 ? [monthFirst, monthLength] : [yearFirst, yearLength];
      for (let dom = 1; dom <= monthLength; dom++) {
        const day = monthFirst + dom - 1;
        if (rule.monthDays.length > 0 && !matchesMonthDay(rule.monthDays, dom, monthLength)) continue;
        if (rule.yearDays.length > 0 && !matchesMonthDay(rule.yearDays, day - yearFirst + 1, yearLength)) continue;
        if (weeks !== undefined && !weeks.selected(day, rule.weekNos)) continue;
        if (this.#hasWeekdayFilter && !this.#weekdayMatches(day, nthFirst, nthLength)) continue;
        out[n++] = day;
      }
    }
    return n;
  }
}

/** Whether position `value` (1-based) of `length` is listed, counting negatives from the end. */
function matchesMonthDay(list: readonly number[], value: number, length: number): boolean {
  const fromEnd = value - length - 1;
  for (const entry of list) if (entry === value || entry === fromEnd) return true;
  return false;
}

/** The nth (negative: from the end) `weekday` in the days [first, first + length), if any. */
function nthWeekdayIn(first: number, length: number, weekday: number, nth: number): number | undefined {
  if (nth > 0) {
    const day = first + ((weekday - epochDaysToWeekday(first) + 7) % 7) + (nth - 1) * 7;
    return day < first + length ? day : undefined;
  }
  const last = first + length - 1;
  const day = last - ((epochDaysToWeekday(last) - weekday + 7) % 7) + (nth + 1) * 7;
  return day >= first ? day : undefined;
}

function sortUnique(days: number[], n: number): number {
  if (n < 2) return n;
  // Small lists (at most 31): insertion sort beats allocating.
  for (let i = 1; i < n; i++) {
    const value = days[i]!;
    let j = i - 1;
    while (j >= 0 && days[j]! > value) {
      days[j + 1] = days[j]!;
      j--;
    }
    days[j + 1] = value;
  }
  let unique = 1;
  for (let i = 1; i < n; i++) if (days[i] !== days[unique - 1]) days[unique++] = days[i]!;
  return unique;
}

/** BYSETPOS: pick positions (1-based, negative from the end) of the period's sorted set. */
function applySetPos(setPos: readonly number[], set: number[], n: number, out: number[]): number {
  let count = 0;
  for (const pos of setPos) {
    const index = pos > 0 ? pos - 1 : n + pos;
    if (index >= 0 && index < n) out[count++] = set[index]!;
  }
  return sortUnique(out, count);
}

/**
 * RFC 5545 week numbers for the days of one calendar year: week 1 is the first week (from
 * `weekStart`) with at least four days in its year. A day early in January may belong to
 * the previous year's last week, one late in December to next year's week 1.
 */
class WeekNumbering {
  readonly #weekStart: number;
  readonly #week1: number;
  readonly #nextWeek1: number;
  readonly #weeks: number;
  readonly #previousWeeks: number;

  constructor(year: number, weekStart: number) {
    this.#weekStart = weekStart;
    this.#week1 = week1Start(year, weekStart);
    this.#nextWeek1 = week1Start(year + 1, weekStart);
    this.#weeks = (this.#nextWeek1 - this.#week1) / 7;
    this.#previousWeeks = (this.#week1 - week1Start(year - 1, weekStart)) / 7;
  }

  selected(day: number, weekNos: readonly number[]): boolean {
    let week: number;
    let weeksInItsYear: number;
    if (day < this.#week1) {
      week = this.#previousWeeks;
      weeksInItsYear = this.#previousWeeks;
    } else if (day >= this.#nextWeek1) {
      week = 1;
      weeksInItsYear = (week1Start(epochDaysToCivil(day).year + 1, this.#weekStart) - this.#nextWeek1) / 7;
    } else {
      week = Math.floor((day - this.#week1) / 7) + 1;
      weeksInItsYear = this.#weeks;
    }
    return matchesMonthDay(weekNos, week, weeksInItsYear);
  }
}

/** First day of week 1: the `weekStart` day in [Dec 29, Jan 4]. */
function week1Start(year: number, weekStart: number): number {
  const jan4 = civilToEpochDays(year, 1, 4);
  return jan4 - ((epochDaysToWeekday(jan4) - weekStart + 7) % 7);
}
