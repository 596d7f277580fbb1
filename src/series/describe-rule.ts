import { joinWords, monthNames, numericOrdinal, position, runs, weekdayNames, weekdayOrder } from './describe-words.js';
import type { Frequency, NthWeekday, Rule, Weekday, WeekdaySpec } from './types.js';

/** What the rule needs to know about `start`: it supplies the days a bare rule repeats on. */
export interface StartDate {
  readonly month: number;
  readonly day: number;
  readonly weekday: Weekday;
  /** `startTime` as written (`06:00`): sub-daily rules count their periods from it. */
  readonly time: string;
}

const units: Readonly<Record<Frequency, string>> = {
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
  yearly: 'year',
  hourly: 'hour',
  minutely: 'minute',
  secondly: 'second',
};

const subDaily = (freq: Frequency) => freq === 'hourly' || freq === 'minutely' || freq === 'secondly';

/**
 * The rule in words: `Every 2 weeks on Monday and Thursday`, `Every month on the last
 * Friday`, `Every year on the 6th of January`. Grammar (docs/interop.md):
 *
 *   Every [n] <unit>[s] [on <days>] [in <weeks>] [in <months>] [, if <conditions>]
 *     [, only the <positions> of these in each <unit>] [, weeks starting on <day>]
 *
 * The days are the first present of byMonthDay, byYearDay, byWeekday (the others become
 * `if` conditions, as RFC 5545 intersects them); a rule without day selectors gets the
 * start's, as the engine fills them in (`compileRule`).
 */
export function describeRule(rule: Rule, start: StartDate): string {
  const { freq } = rule;
  const hasDaySelector = [rule.byWeekNo, rule.byYearDay, rule.byMonthDay, rule.byWeekday].some((list) => list !== undefined);
  let months = rule.byMonth;
  let monthDays = rule.byMonthDay;
  let weekdays = rule.byWeekday;
  if (!hasDaySelector) {
    if (freq === 'yearly') {
      months ??= [start.month];
      monthDays = [start.day];
    } else if (freq === 'monthly') {
      monthDays = [start.day];
    } else if (freq === 'weekly') {
      weekdays = [start.weekday];
    }
  }
  // nth weekdays count within the month, unless a yearly rule names no months.
  const nthFrame = freq === 'yearly' && months === undefined ? ' of the year' : '';

  let days: string | undefined;
  const conditions: string[] = [];
  if (monthDays !== undefined) {
    days = monthDaysText(monthDays) + (months !== undefined ? ` of ${monthsText(months)}` : freq === 'yearly' ? ' of every month' : '');
    if (rule.byYearDay !== undefined) conditions.push(yearDaysText(rule.byYearDay, 'or'));
    if (weekdays !== undefined) conditions.push(weekdayCondition(weekdays, nthFrame));
  } else if (rule.byYearDay !== undefined) {
    days = yearDaysText(rule.byYearDay, 'and');
    if (weekdays !== undefined) conditions.push(weekdayCondition(weekdays, nthFrame));
  } else if (weekdays !== undefined) {
    days = weekdayDays(weekdays, freq, nthFrame);
  } else if (rule.byWeekNo !== undefined) {
    days = 'every day';
  }

  let text = rule.interval === 1 ? `Every ${units[freq]}` : `Every ${rule.interval} ${units[freq]}s`;
  if (subDaily(freq)) text += ` from ${start.time}`;
  if (days !== undefined) text += ` on ${days}`;
  if (rule.byWeekNo !== undefined) text += ` in ${weekNosText(rule.byWeekNo)}`;
  if (months !== undefined && monthDays === undefined) text += ` in ${monthsText(months)}`;
  if (rule.skip !== undefined && (monthDays ?? []).some((day) => Math.abs(day) > 28)) {
    text += rule.skip === 'backward' ? ', or the last day of shorter months' : ', or the 1st of the next month after shorter months';
  }
  if (rule.skip !== undefined && (rule.byYearDay ?? []).some((day) => Math.abs(day) === 366)) {
    text += rule.skip === 'backward' ? ', or day 365 in common years' : ', or the next day in common years';
  }
  const times = timesText(rule, start.time);
  if (times !== undefined) text += ` ${times}`;
  if (conditions.length > 0) text += `, if ${joinWords(conditions)}`;
  // A daily period holds one day: positions 1 and -1 keep it, and no other position can occur.
  if (rule.bySetPos !== undefined && (freq !== 'daily' || times !== undefined)) {
    text += `, only ${joinWords(endsLast(rule.bySetPos).map((n) => `the ${position(n)}`))} of these in each ${units[freq]}`;
  }
  if (weekStartMatters(rule)) text += `, weeks starting on ${weekdayNames[rule.weekStart]}`;
  return text;
}

/**
 * The times of day: `at 09:00 and 14:30` for a rule of several times a day (the product of
 * its hours, minutes and seconds, each defaulting to the start's); for a sub-daily rule,
 * its limits (`in hours 9 to 16`, `at minutes 0 and 30`). Undefined for one time a day.
 */
function timesText(rule: Rule, startTime: string): string | undefined {
  const [h, m, s = 0] = startTime.split(':').map(Number) as [number, number, number?];
  if (subDaily(rule.freq)) {
    const limits: string[] = [];
    if (rule.byHour !== undefined) limits.push(`in hour${rule.byHour.length > 1 ? 's' : ''} ${rangesText(rule.byHour)}`);
    if (rule.byMinute !== undefined) limits.push(`at minute${rule.byMinute.length > 1 ? 's' : ''} ${rangesText(rule.byMinute)}`);
    if (rule.bySecond !== undefined) limits.push(`at second${rule.bySecond.length > 1 ? 's' : ''} ${rangesText(rule.bySecond)}`);
    return limits.length === 0 ? undefined : joinWords(limits);
  }
  if (rule.byHour === undefined && rule.byMinute === undefined && rule.bySecond === undefined) return undefined;
  const times: string[] = [];
  for (const hour of rule.byHour ?? [h]) {
    for (const minute of rule.byMinute ?? [m]) {
      for (const second of rule.bySecond ?? [s]) {
        const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
        times.push(second === 0 ? hhmm : `${hhmm}:${String(second).padStart(2, '0')}`);
      }
    }
  }
  times.sort();
  if (times.length === 1 && times[0] === startTime) return undefined;
  return times.length <= 12 ? `at ${joinWords(times)}` : `at ${times.length} times a day (${times[0]} to ${times[times.length - 1]})`;
}

/** `9 to 16`, `0, 15, 30 and 45`. */
function rangesText(values: readonly number[]): string {
  return joinWords(runs(values).map(([a, b]) => (a === b ? String(a) : `${a} to ${b}`)));
}

/**
 * Weeks begin on `weekStart` for week numbers, and for weekly rules whose interval or
 * bySetPos groups several named weekdays into weeks; elsewhere it changes nothing.
 */
function weekStartMatters(rule: Rule): boolean {
  if (rule.weekStart === 'MO') return false;
  if (rule.byWeekNo !== undefined) return true;
  return rule.freq === 'weekly' && rule.byWeekday !== undefined && (rule.interval > 1 || rule.bySetPos !== undefined);
}

/** Positive values ascending, then negative ones ascending: the last comes last. */
function endsLast(values: readonly number[]): number[] {
  return [...values.filter((n) => n > 0).sort((a, b) => a - b), ...values.filter((n) => n < 0).sort((a, b) => a - b)];
}

function monthsText(months: readonly number[]): string {
  return joinWords(runs([...months].sort((a, b) => a - b)).map(([a, b]) => (a === b ? monthNames[a - 1]! : `${monthNames[a - 1]} to ${monthNames[b - 1]}`)));
}

/** `the 1st to 7th`, `the 15th and the last day`. */
function monthDaysText(monthDays: readonly number[]): string {
  const ordered = endsLast(monthDays);
  const positives = runs(ordered.filter((n) => n > 0)).map(([a, b]) => (a === b ? `the ${numericOrdinal(a)}` : `the ${numericOrdinal(a)} to ${numericOrdinal(b)}`));
  const negatives = ordered.filter((n) => n < 0).map((n) => `the ${position(n)} day`);
  return joinWords([...positives, ...negatives]);
}

/** `day 1, day 100 and the last day of the year`. */
function yearDaysText(yearDays: readonly number[], conjunction: 'and' | 'or'): string {
  return `${joinWords(endsLast(yearDays).map((n) => (n > 0 ? `day ${n}` : `the ${position(n)} day`)), conjunction)} of the year`;
}

/** `week 1, week 20 and the last week of the year`. */
function weekNosText(weekNos: readonly number[]): string {
  const ordered = endsLast(weekNos);
  const text = joinWords(ordered.map((n) => (n > 0 ? `week ${n}` : `the ${position(n)} week`)));
  return ordered.some((n) => n < 0) ? `${text} of the year` : text;
}

function splitWeekdays(specs: readonly WeekdaySpec[]): { plain: Weekday[]; nth: NthWeekday[] } {
  const plain = weekdayOrder.filter((day) => specs.includes(day));
  const rank = (spec: NthWeekday) => weekdayOrder.indexOf(spec.day) * 1000 + (spec.nth > 0 ? spec.nth : 500 + spec.nth);
  const nth = specs.filter((spec): spec is NthWeekday => typeof spec !== 'string').sort((a, b) => rank(a) - rank(b));
  return { plain, nth };
}

/** `Monday to Friday`, `Monday and Thursday`. */
function plainWeekdayNames(plain: readonly Weekday[]): string[] {
  return runs(plain.map((day) => weekdayOrder.indexOf(day))).map(([a, b]) =>
    a === b ? weekdayNames[weekdayOrder[a]!] : `${weekdayNames[weekdayOrder[a]!]} to ${weekdayNames[weekdayOrder[b]!]}`,
  );
}

const nthText = (spec: NthWeekday) => `the ${position(spec.nth)} ${weekdayNames[spec.day]}`;

/**
 * The weekdays as the days of the rule: `Monday and Thursday` in a week (or a day);
 * `every Monday`, `the last Friday`, `every Monday and the last Friday` in a month or year.
 */
function weekdayDays(specs: readonly WeekdaySpec[], freq: Frequency, nthFrame: string): string {
  const { plain, nth } = splitWeekdays(specs);
  const names = plainWeekdayNames(plain);
  if (freq !== 'monthly' && freq !== 'yearly') return joinWords(names);
  if (nth.length === 0) return `every ${joinWords(names)}`;
  return joinWords([...names.map((name) => `every ${name}`), ...nth.map(nthText)]) + nthFrame;
}

/** The weekdays as a condition on other days: `a Friday`, `a Monday or Friday`, `the last Friday`. */
function weekdayCondition(specs: readonly WeekdaySpec[], nthFrame: string): string {
  const { plain, nth } = splitWeekdays(specs);
  const names = plain.map((day) => weekdayNames[day]);
  if (nth.length === 0) return `a ${joinWords(names, 'or')}`;
  return joinWords([...names.map((name) => `a ${name}`), ...nth.map(nthText)], 'or') + nthFrame;
}
