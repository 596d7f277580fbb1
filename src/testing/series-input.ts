import fc from 'fast-check';
import type { Frequency, RepeatInput, SeriesInput, Weekday, WeekdaySpec } from '../series/types.js';
import { formatLocalDate, formatLocalTime } from '../time/local-format.js';
import { milliInDay, milliInMinute } from '../time/units.js';
import { offsetChanges } from '../time/offset-changes.js';
import { checkDate, checkFrequencies, checkKnownKeys, checkPositiveInteger, checkZones, fail, interestingTimeZones } from './constraints.js';

/** Constraints of `seriesInputArbitrary` and `seriesArbitrary`; each field says its default. */
export interface SeriesInputConstraints {
  /** Zones to draw from. Default: `interestingTimeZones` (UTC and ten DST-rich zones). */
  timezones?: readonly string[];
  /** Earliest start date. Default `'1995-01-01'`. */
  minStart?: string;
  /** Latest start date. Default `'2035-12-31'`. */
  maxStart?: string;
  /**
   * Frequencies to draw; `single` series (no repeat) are drawn too unless `withSingle` is
   * false. Default: the four day-level ones. Sub-daily rules (`hourly`, `minutely`,
   * `secondly`) are drawn with limits and ends that keep a whole series to a few thousand blocks.
   */
  freqs?: readonly Frequency[];
  /** Give day-level rules several times a day (`byHour`, `byMinute`, `bySecond`) too. Default false. */
  withTimesOfDay?: boolean;
  /** Draw RFC 7529 `skip: 'backward' | 'forward'` on monthly and yearly rules. Default false (rrule.js and dateutil know no SKIP). */
  withSkip?: boolean;
  /** Draw series without `repeat`. Default true. */
  withSingle?: boolean;
  /** Draw series that never end (no count, no until). Default false: every series ends. */
  withNeverEnding?: boolean;
  /** Largest `count`. Default 40. */
  maxCount?: number;
  /** Draw RRULE strings for `repeat` as well as objects. Default true. */
  withRRuleText?: boolean;
  /**
   * Restrict rules to the shapes on which python-dateutil / rrule.js agree with RFC 5545
   * (no bySetPos with weekly, no plain and nth weekdays mixed), avoiding rrule.js's
   * bySetPos bugs (a day picked twice counts twice; negative positions beyond the set wrap)
   * and its week-53 bug (byWeekNo 52 and 53 are left out).
   * Default false.
   */
  dateutilCompatible?: boolean;
  /** Draw `dst` policies (including `error`). Default true; when false the defaults apply. */
  withDstPolicies?: boolean;
  /**
   * Start shortly before one of the drawn zone's offset changes (DST nights, and other
   * changes of the UTC offset) between `minStart` and `maxStart`: half the time within six
   * hours of it, otherwise within two days. Sub-daily rules and `byHour` lists then run
   * through a skipped or a repeated hour. A zone without changes in that range starts
   * anywhere. Default false: starts are spread evenly over the range, and few series short
   * enough to be sub-daily meet a transition.
   */
  nearOffsetChanges?: boolean;
}

const weekdayCodes: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const smallSet = <T>(arb: fc.Arbitrary<T>, maxLength: number) =>
  fc.uniqueArray(arb, { minLength: 1, maxLength, selector: (value) => JSON.stringify(value) });

const nonZero = (min: number, max: number) => fc.integer({ min, max }).filter((n) => n !== 0);

/** The keys of `SeriesInputConstraints`: anything else is a typo. */
export const seriesInputConstraintKeys: readonly string[] = [
  'timezones',
  'minStart',
  'maxStart',
  'freqs',
  'withSingle',
  'withNeverEnding',
  'maxCount',
  'withRRuleText',
  'dateutilCompatible',
  'withDstPolicies',
  'withTimesOfDay',
  'withSkip',
  'nearOffsetChanges',
];

/**
 * Valid `defineSeries` inputs: every frequency and by-part, overnight and `duration`
 * lengths, excludes and includes, DST policies, in DST-rich zones. Each value is accepted
 * by `defineSeries` except, rarely, a rule that can never occur (February 30); filter with
 * `seriesArbitrary`, which only yields defined series.
 *
 * @param constraints - which zones, dates, frequencies and shapes to draw; each field says its default
 * @returns a fast-check arbitrary of `SeriesInput`
 * @throws {RangeError} when a constraint is invalid (an unknown zone, a bad date, `maxStart`
 *   before `minStart`, an unknown frequency, a `maxCount` below 1, an unknown key), with the arbitrary's name
 *   in the message, as fast-check does.
 *
 * @example
 * fc.sample(seriesInputArbitrary({ timezones: ['Asia/Kathmandu'] }), 1)[0].timezone;
 * //=> 'Asia/Kathmandu'
 */
export function seriesInputArbitrary(constraints: SeriesInputConstraints = {}): fc.Arbitrary<SeriesInput> {
  const name = 'seriesInputArbitrary';
  checkKnownKeys(name, constraints, seriesInputConstraintKeys);
  const zones = constraints.timezones ?? interestingTimeZones;
  checkZones(name, zones);
  const minDay = checkDate(name, 'minStart', constraints.minStart ?? '1995-01-01');
  const maxDay = checkDate(name, 'maxStart', constraints.maxStart ?? '2035-12-31');
  if (maxDay < minDay) fail(name, 'maxStart must not be before minStart');
  const freqs = constraints.freqs ?? ['daily', 'weekly', 'monthly', 'yearly'];
  checkFrequencies(name, freqs);
  const maxCount = constraints.maxCount ?? 40;
  checkPositiveInteger(name, 'maxCount', maxCount, 1_000_000);
  const compatible = constraints.dateutilCompatible ?? false;

  const day = fc.integer({ min: minDay, max: maxDay });
  // Quarter hours, plus the DST-prone small hours and the odd second.
  const time = fc.oneof(
    fc.integer({ min: 0, max: 95 }).map((q) => q * 15 * milliInMinute),
    fc.integer({ min: 0, max: 4 * 60 }).map((m) => m * milliInMinute),
    fc.integer({ min: 0, max: milliInDay / 1000 - 1 }).map((s) => s * 1000),
  );
  // The start: a zone, a day and a time of day (epoch ms of the day, ms into it).
  const anyStart = fc.tuple(fc.constantFrom(...zones), day, time);
  const changesByZone = new Map<string, number[]>();
  const start: fc.Arbitrary<readonly [string, number, number]> = constraints.nearOffsetChanges
    ? fc.constantFrom(...zones).chain((zone) => {
        // Found once per zone, when first drawn: a zone's table over decades costs milliseconds.
        let changes = changesByZone.get(zone);
        if (changes === undefined) changesByZone.set(zone, (changes = offsetChangeWalls(zone, minDay, maxDay)));
        if (changes.length === 0) return fc.tuple(fc.constant(zone), day, time);
        // Up to six hours before the change (the rule runs into it at once), or up to two days.
        const minutesBefore = fc.oneof(fc.integer({ min: 1, max: 6 * 60 }), fc.integer({ min: 1, max: 2 * 24 * 60 }));
        return fc.tuple(fc.constantFrom(...changes), minutesBefore).map(([change, minutes]) => {
          const wall = change - minutes * milliInMinute;
          const wallDay = Math.floor(wall / milliInDay);
          return [zone, Math.min(maxDay, Math.max(minDay, wallDay)), wall - wallDay * milliInDay] as const;
        });
      })
    : anyStart;
  const length = fc.oneof(
    fc.record({ kind: fc.constant('endTime' as const), ms: time }),
    fc.record({ kind: fc.constant('duration' as const), ms: fc.integer({ min: 1, max: 48 * 4 }).map((q) => q * 15 * milliInMinute) }),
  );
  const extras = { timesOfDay: constraints.withTimesOfDay ?? false, skip: constraints.withSkip ?? false };
  /** A rule and its end; `nearHour`: draw hour lists around that hour of the day often. */
  const repeatFor = (nearHour?: number) => {
    const repeat = fc
      .constantFrom(...freqs)
      .chain((freq) => (isSubDaily(freq) ? subDailyRuleArbitrary(freq, compatible, nearHour) : ruleArbitrary(freq, compatible, { ...extras, nearHour })))
      .chain((rule) => endArbitrary(rule, maxCount, constraints.withNeverEnding ?? false));
    return constraints.withSingle === false ? repeat : fc.option(repeat, { nil: undefined, freq: 6 });
  };
  // Near an offset change, hour lists are drawn around the start's hour (and so the
  // change's) too, so that rules meet the skipped or repeated hour and not only its night.
  const startLengthRepeat = constraints.nearOffsetChanges
    ? start.chain((drawn) => fc.tuple(fc.constant(drawn), length, repeatFor(Math.floor(drawn[2] / 3_600_000))))
    : fc.tuple(start, length, repeatFor());

  return fc
    .record({
      startLengthRepeat,
      asText: constraints.withRRuleText === false ? fc.constant(false) : fc.boolean(),
      exclude: fc.array(fc.record({ after: fc.integer({ min: 0, max: 400 }), atStart: fc.boolean() }), { maxLength: 4 }),
      include: fc.array(fc.record({ after: fc.integer({ min: -30, max: 400 }), at: fc.option(time, { nil: undefined }) }), { maxLength: 3 }),
      dst:
        constraints.withDstPolicies === false
          ? fc.constant(undefined)
          : fc.option(
              fc.record({
                nonexistent: fc.constantFrom('shift' as const, 'skip' as const, 'error' as const),
                ambiguous: fc.constantFrom('earlier' as const, 'later' as const),
              }),
              { nil: undefined },
            ),
      id: fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/),
    })
    .map(({ startLengthRepeat: [[zone, startDay, startMs], length, ruleWithEnd], asText, exclude, include, dst, id }) => {
      let rule = ruleWithEnd?.[0];
      const untilAfter = ruleWithEnd?.[1];
      if (rule !== undefined && untilAfter !== undefined) rule = { ...rule, until: formatLocalDate(startDay + untilAfter) };
      const input: SeriesInput = {
        id,
        timezone: zone,
        start: formatLocalDate(startDay),
        startTime: formatLocalTime(startMs),
      };
      if (length.kind === 'endTime') input.endTime = formatLocalTime(length.ms);
      else input.duration = `PT${length.ms / milliInMinute}M`;
      if (rule !== undefined) input.repeat = asText ? toRRuleText(rule) : rule;
      // A date removes the day's occurrences; a date-time at the start time, the one occurrence.
      if (exclude.length > 0) {
        input.exclude = exclude.map(({ after, atStart }) => formatLocalDate(startDay + after) + (atStart ? `T${formatLocalTime(startMs)}` : ''));
      }
      if (include.length > 0) {
        input.include = include.map(({ after, at }) =>
          at === undefined ? formatLocalDate(startDay + after) : `${formatLocalDate(startDay + after)}T${formatLocalTime(at)}`,
        );
      }
      if (dst !== undefined) input.dst = dst;
      return input;
    });
}

/**
 * The local wall times (as epoch ms) just before each change of `zone`'s UTC offset from
 * `minDay` to `maxDay`: 02:00 on a Berlin spring night, 03:00 on an autumn one.
 */
function offsetChangeWalls(zone: string, minDay: number, maxDay: number): number[] {
  const { initial, changes } = offsetChanges(zone, minDay * milliInDay, (maxDay + 1) * milliInDay);
  const walls: number[] = [];
  let before = initial;
  for (const [instant, after] of changes) {
    walls.push(instant + before);
    before = after;
  }
  return walls.filter((wall) => wall >= minDay * milliInDay && wall < (maxDay + 1) * milliInDay);
}

const isSubDaily = (freq: Frequency) => freq === 'hourly' || freq === 'minutely' || freq === 'secondly';

/**
 * Sub-daily rules: intervals and limits that keep a day to at most a few hundred
 * occurrences, with day filters (weekdays, month days) now and then, and hours that DST
 * nights skip or repeat (1–3) drawn often. `compatible`: no day filters on minutely and
 * secondly rules, where rrule.js can loop for minutes.
 */
function subDailyRuleArbitrary(freq: Frequency, compatible: boolean, nearHour?: number): fc.Arbitrary<RepeatInput> {
  const hours = smallSet(hourArbitrary(nearHour), 3);
  const optional = <T>(arb: fc.Arbitrary<T>, freqOf = 3) => fc.option(arb, { nil: undefined, freq: freqOf });
  const interval = { hourly: fc.integer({ min: 1, max: 12 }), minutely: fc.constantFrom(5, 10, 15, 20, 30, 45, 90), secondly: fc.integer({ min: 1, max: 40 }) }[
    freq as 'hourly'
  ];
  return fc
    .record({
      interval,
      byHour: freq === 'hourly' ? optional(hours) : hours,
      byMinute: freq === 'secondly' ? smallSet(fc.integer({ min: 0, max: 59 }), 2) : optional(smallSet(fc.integer({ min: 0, max: 59 }), 3)),
      bySecond: optional(smallSet(fc.constantFrom(0, 15, 30, 45), 2), 4),
      byWeekday: compatible && freq !== 'hourly' ? fc.constant(undefined) : optional(smallSet(fc.constantFrom(...weekdayCodes), 5), 4),
      byMonthDay: compatible && freq !== 'hourly' ? fc.constant(undefined) : optional(smallSet(fc.integer({ min: 1, max: 31 }), 8), 5),
      bySetPos: optional(smallSet(fc.constantFrom(1, -1, 2), 2), 5),
    })
    .map((parts) => {
      const rule: RepeatInput = { freq };
      if (parts.interval !== 1) rule.interval = parts.interval;
      for (const key of ['byHour', 'byMinute', 'bySecond', 'byWeekday', 'byMonthDay', 'bySetPos'] as const) {
        if (parts[key] !== undefined) (rule as unknown as Record<string, unknown>)[key] = parts[key];
      }
      // rrule.js applies bySetPos to a sub-daily period that its limits exclude (it keeps
      // the start of `FREQ=MINUTELY;BYHOUR=1;BYSETPOS=-1` at 00:00), where dateutil does not.
      if (compatible) delete rule.bySetPos;
      // bySetPos needs another by-part to pick from (an hourly rule may have none).
      const selectors = [rule.byHour, rule.byMinute, rule.bySecond, rule.byWeekday, rule.byMonthDay];
      if (selectors.every((list) => list === undefined)) delete rule.bySetPos;
      return rule;
    });
}

/** An hour of the day: any, the DST-prone small hours, and (when given) the three after `nearHour`. */
function hourArbitrary(nearHour?: number): fc.Arbitrary<number> {
  const usual = [fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 3 })];
  if (nearHour === undefined) return fc.oneof(...usual);
  return fc.oneof(...usual, fc.integer({ min: 0, max: 3 }).map((later) => (nearHour + later) % 24));
}

function ruleArbitrary(
  freq: Frequency,
  compatible: boolean,
  extras: { timesOfDay: boolean; skip: boolean; nearHour?: number } = { timesOfDay: false, skip: false },
): fc.Arbitrary<RepeatInput> {
  const plainDays = smallSet(fc.constantFrom(...weekdayCodes), 4);
  const nthRange = freq === 'monthly' ? 4 : 20;
  const nthDays = smallSet(
    fc.record({ day: fc.constantFrom(...weekdayCodes), nth: fc.oneof(nonZero(-nthRange, nthRange), fc.constant(-1)) }),
    2,
  );
  const mixedDays = smallSet(
    fc.oneof(fc.constantFrom<WeekdaySpec>(...weekdayCodes), fc.record({ day: fc.constantFrom(...weekdayCodes), nth: nonZero(-nthRange, nthRange) })),
    3,
  );
  const byWeekday: fc.Arbitrary<readonly WeekdaySpec[]> =
    freq === 'daily' || freq === 'weekly' ? plainDays : compatible ? fc.oneof(plainDays, nthDays) : fc.oneof(plainDays, nthDays, mixedDays);
  const optional = <T>(arb: fc.Arbitrary<T>, freqOf = 3) => fc.option(arb, { nil: undefined, freq: freqOf });

  return fc
    .record({
      interval: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 4 })),
      byWeekday: optional(byWeekday, 2),
      byMonthDay: freq === 'weekly' ? fc.constant(undefined) : optional(smallSet(fc.oneof(nonZero(-31, 31), fc.integer({ min: 1, max: 28 })), 3)),
      byMonth: optional(smallSet(fc.integer({ min: 1, max: 12 }), 4)),
      byYearDay: freq === 'yearly' ? optional(smallSet(nonZero(-366, 366), 3), 4) : fc.constant(undefined),
      byWeekNo: freq === 'yearly' ? optional(smallSet(nonZero(-53, 53), 3), 4) : fc.constant(undefined),
      bySetPos: optional(smallSet(fc.constantFrom(1, -1, 1, -1, 2, -2, 3), 2), 4),
      weekStart: optional(fc.constantFrom(...weekdayCodes), 3),
      byHour: extras.timesOfDay ? optional(smallSet(hourArbitrary(extras.nearHour), 3), 2) : fc.constant(undefined),
      byMinute: extras.timesOfDay ? optional(smallSet(fc.constantFrom(0, 15, 30, 45, 59), 2), 2) : fc.constant(undefined),
      skip: extras.skip && (freq === 'monthly' || freq === 'yearly') ? optional(fc.constantFrom('backward' as const, 'forward' as const), 1) : fc.constant(undefined),
    })
    .map((parts) => {
      const rule: RepeatInput = { freq };
      if (parts.byHour !== undefined) rule.byHour = parts.byHour;
      if (parts.byMinute !== undefined) rule.byMinute = parts.byMinute;
      if (parts.skip !== undefined) rule.skip = parts.skip;
      if (parts.interval !== 1) rule.interval = parts.interval;
      let byWeekday = parts.byWeekday;
      if (parts.byWeekNo !== undefined && byWeekday?.some((spec) => typeof spec !== 'string')) byWeekday = undefined;
      if (byWeekday !== undefined) rule.byWeekday = byWeekday;
      // Year days and week numbers rarely meet month days or months: one of them at a time,
      // so that few drawn rules can never occur.
      const yearLevel = parts.byYearDay !== undefined || parts.byWeekNo !== undefined;
      if (parts.byMonthDay !== undefined && !yearLevel) rule.byMonthDay = parts.byMonthDay;
      if (parts.byMonth !== undefined && !yearLevel) rule.byMonth = parts.byMonth;
      if (parts.byYearDay !== undefined) rule.byYearDay = parts.byYearDay;
      else if (parts.byWeekNo !== undefined) {
        // dateutil (and so rrule.js) counts the previous year's weeks with this year's length,
        // so it can call the first days of January week 53 when they are in week 52.
        const weekNos = compatible ? parts.byWeekNo.filter((week) => week < 52) : parts.byWeekNo;
        if (weekNos.length > 0) rule.byWeekNo = weekNos;
      }
      const hasSelector = [rule.byWeekday, rule.byMonthDay, rule.byMonth, rule.byYearDay, rule.byWeekNo].some((l) => l !== undefined);
      // A daily period holds one day: only positions 1 and -1 can pick it.
      if (freq === 'daily' && parts.bySetPos !== undefined) parts.bySetPos = [parts.bySetPos[0]! > 0 ? 1 : -1];
      if (parts.bySetPos !== undefined && hasSelector && !(compatible && freq === 'weekly')) {
        // rrule.js counts a day twice when positions of both signs pick it, and wraps negative
        // positions beyond the set: there, keep positive positions or just -1.
        const positive = parts.bySetPos.filter((pos) => pos > 0);
        rule.bySetPos = !compatible ? parts.bySetPos : positive.length > 0 ? positive : [-1];
      }
      if (parts.weekStart !== undefined) rule.weekStart = parts.weekStart;
      return rule;
    });
}

/** The rule with its end: a count, or `until` as days after the start (known only later), or none. */
type RuleWithEnd = readonly [RepeatInput, number | undefined];

function endArbitrary(rule: RepeatInput, maxCount: number, withNeverEnding: boolean): fc.Arbitrary<RuleWithEnd> {
  // Sub-daily rules end within days, so that a whole series stays small.
  const maxUntil = rule.freq === 'hourly' ? 20 : isSubDaily(rule.freq) ? 2 : 3 * 366;
  const ends: Array<fc.Arbitrary<RuleWithEnd>> = [
    fc.integer({ min: 1, max: maxCount }).map((count) => [{ ...rule, count }, undefined] as const),
    fc.integer({ min: 0, max: maxUntil }).map((untilAfter) => [rule, untilAfter] as const),
  ];
  if (withNeverEnding) ends.push(fc.constant([rule, undefined] as const));
  return fc.oneof(...ends);
}

/** `20251231`, or `20251231T170000` for a local date-time (floating: read in DTSTART's zone). */
function untilText(until: string): string {
  if (!until.includes('T')) return until.replaceAll('-', '');
  const [date, time] = until.split('T') as [string, string];
  return `${date.replaceAll('-', '')}T${time.replaceAll(':', '').padEnd(6, '0')}`;
}

/**
 * The RFC 5545 RRULE text of a structured `repeat` rule, e.g. to feed a peer library the
 * same rule in a differential test.
 *
 * `UNTIL` is written as a local date (`UNTIL=20251231`), the form `defineSeries` reads.
 * The rule is not validated: pass rules that `defineSeries` accepts.
 *
 * @param rule - a structured `repeat` rule
 * @returns the rule's RRULE value, without the `RRULE:` prefix
 * @throws {TypeError} when `rule` is not an object with a `freq`.
 *
 * @example
 * toRRuleText({ freq: 'monthly', byWeekday: [{ day: 'FR', nth: -1 }], until: '2025-12-31' });
 * //=> 'FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20251231'
 */
export function toRRuleText(rule: RepeatInput): string {
  const parts = [`FREQ=${rule.freq.toUpperCase()}`];
  if (rule.interval !== undefined) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byWeekday) parts.push(`BYDAY=${rule.byWeekday.map((s) => (typeof s === 'string' ? s : `${s.nth}${s.day}`)).join(',')}`);
  if (rule.byMonthDay) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byMonth) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.byYearDay) parts.push(`BYYEARDAY=${rule.byYearDay.join(',')}`);
  if (rule.byWeekNo) parts.push(`BYWEEKNO=${rule.byWeekNo.join(',')}`);
  if (rule.byHour) parts.push(`BYHOUR=${rule.byHour.join(',')}`);
  if (rule.byMinute) parts.push(`BYMINUTE=${rule.byMinute.join(',')}`);
  if (rule.bySecond) parts.push(`BYSECOND=${rule.bySecond.join(',')}`);
  if (rule.bySetPos) parts.push(`BYSETPOS=${rule.bySetPos.join(',')}`);
  if (rule.weekStart) parts.push(`WKST=${rule.weekStart}`);
  if (rule.skip !== undefined) parts.unshift('RSCALE=GREGORIAN'), parts.push(`SKIP=${rule.skip.toUpperCase()}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== undefined) parts.push(`UNTIL=${untilText(rule.until)}`);
  return parts.join(';');
}
