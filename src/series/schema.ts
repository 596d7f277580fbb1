import { acceptorOf, anything, leaf, leafIssue, leafOf, optional, pushIssues, strictObject } from './zod-schema.js';
import { timeZoneProblem } from '../time/zone.js';
import { parseLocalDate, parseLocalDateTime, parseLocalTime } from '../time/local-format.js';
import { parseDuration } from './duration.js';
import { metaProblem } from './meta.js';
import { limits } from '../limits.js';
import { quoteText } from '../show-value.js';

/**
 * The zod schemas of a series input (built in zod-schema.ts). Each leaf check returns the
 * whole sentence a user sees (`"XX" is not a weekday`), so messages read the same whichever
 * rule failed, and no zod locale is needed: every message here is our own.
 */

/** A short, safe rendering of any input value for messages. */
export function show(value: unknown): string {
  if (typeof value === 'string') return quoteText(value);
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

const required = (value: unknown) => (value === undefined ? 'is required' : undefined);

/** The check of a string field: required, a string, then `describe`'s verdict on the text. */
function stringCheck(describe: (text: string) => string | undefined) {
  return (value: unknown) => required(value) ?? (typeof value === 'string' ? describe(value) : `expected a string, got ${show(value)}`);
}

const problemOf = (result: number | string) => (typeof result === 'string' ? result : undefined);

export const localDateSchema = leaf(stringCheck((text) => problemOf(parseLocalDate(text))));
export const localTimeSchema = leaf(stringCheck((text) => problemOf(parseLocalTime(text))));
export const durationSchema = leaf(stringCheck((text) => problemOf(parseDuration(text, { allowZero: true }))));
/** `meta`: a plain JSON object within its caps (see meta.ts). */
export const metaSchema = leaf((value) => metaProblem(value));
/**
 * A local date, or a local date-time (`YYYY-MM-DDTHH:mm[:ss]`): an `include` entry (a date
 * means "at startTime"), an `exclude` entry (a date: every occurrence that day), `until`
 * (the last local date, or date-time, an occurrence may start on, inclusive).
 */
const dateOrDateTime = stringCheck((text) => problemOf(text.includes('T') ? parseLocalDateTime(text) : parseLocalDate(text)));

export const frequencies = ['yearly', 'monthly', 'weekly', 'daily', 'hourly', 'minutely', 'secondly'] as const;
export const skipValues = ['omit', 'backward', 'forward'] as const;

export const timezoneSchema = leaf(stringCheck((name) => timeZoneProblem(name)));

// C0, DEL and C1: no output format can carry them (an iCalendar UID least of all).
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

export const idSchema = leaf(
  stringCheck((id) => {
    if (id.length === 0) return 'must not be empty';
    if (id.length > limits.idChars) return `must be at most ${limits.idChars} characters (it has ${id.length})`;
    if (controlCharacter.test(id)) return 'must not contain control characters';
    return undefined;
  }),
);

export const weekdayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

const isWeekday = (value: unknown) => typeof value === 'string' && (weekdayCodes as readonly string[]).includes(value);
const notWeekday = (value: unknown) => `${show(value)} is not a weekday (MO, TU, WE, TH, FR, SA, SU)`;

export const weekdaySchema = leaf((value) => required(value) ?? (isWeekday(value) ? undefined : notWeekday(value)));

function weekdaySpecCheck(value: unknown): string | undefined {
  if (typeof value === 'string' || value === undefined) return isWeekday(value) ? undefined : notWeekday(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${show(value)} is not a weekday or { day, nth }`;
  }
  const spec = value as Record<string, unknown>;
  for (const key in spec) if (key !== 'day' && key !== 'nth' && Object.hasOwn(spec, key)) return `unknown field ${quoteText(key)} in { day, nth }`;
  if (!isWeekday(spec.day)) return `day: ${notWeekday(spec.day)}`;
  if (typeof spec.nth !== 'number' || !Number.isInteger(spec.nth) || spec.nth === 0 || Math.abs(spec.nth) > 53) {
    return `nth: ${show(spec.nth)} is not a position (-53 to 53, not 0)`;
  }
  return undefined;
}

/**
 * A list whose entries each pass `item`. Only a wrong type is "not a list": a list too long
 * is reported by `inputSizeIssues` first (the cap here is for callers that skip it).
 */
function listOf(item: (value: unknown) => string | undefined, maxLength: number, allowEmpty = false) {
  const shapeProblem = (value: unknown): string | undefined => {
    if (!Array.isArray(value)) return `expected a list, got ${show(value)}`;
    if (value.length === 0 && !allowEmpty) return 'must not be empty (leave it out instead)';
    if (value.length > maxLength) return `must have at most ${maxLength} entries`;
    return undefined;
  };
  return leafOf(
    (value, issues) => {
      const problem = shapeProblem(value);
      if (problem !== undefined) issues.push(leafIssue(problem, value));
      else {
        const list = value as unknown[];
        for (let i = 0; i < list.length; i++) {
          const itemProblem = item(list[i]);
          if (itemProblem !== undefined) issues.push(leafIssue(itemProblem, list[i], [i]));
        }
      }
    },
    (value) => {
      if (shapeProblem(value) !== undefined) return false;
      const list = value as unknown[];
      for (let i = 0; i < list.length; i++) if (item(list[i]) !== undefined) return false;
      return true;
    },
  );
}

/** The check function of an integer in [min, max], zero excluded when `nonZero`. */
function integerCheck(min: number, max: number, noun: string, nonZero = false) {
  return (value: unknown): string | undefined => {
    if (value === undefined) return 'is required';
    if (typeof value !== 'number' || !Number.isInteger(value)) return `${show(value)} is not an integer`;
    if (value < min || value > max || (nonZero && value === 0)) {
      return `${value} is not ${noun} (${min} to ${max}${nonZero ? ', not 0' : ''})`;
    }
    return undefined;
  };
}

const integer = (min: number, max: number, noun: string, nonZero = false) => leaf(integerCheck(min, max, noun, nonZero));
const integers = (min: number, max: number, noun: string, maxLength: number, nonZero = false) =>
  optional(listOf(integerCheck(min, max, noun, nonZero), maxLength));

/** A leaf that takes one of `values`; absent is fine unless `required`. */
function oneOf<T extends string>(values: readonly T[], noun = `one of ${values.join(', ')}`, isRequired = false) {
  return leaf((value) => (isRequired ? required(value) : undefined) ?? (value === undefined || values.includes(value as T) ? undefined : `${show(value)} is not ${noun}`));
}

export const repeatObjectSchema = strictObject(
  {
    freq: oneOf(frequencies, `a frequency (${frequencies.join(', ')})`, true),
    interval: optional(integer(1, 10_000, 'an interval')),
    byWeekday: optional(listOf(weekdaySpecCheck, limits.byWeekday)),
    byMonthDay: integers(-31, 31, 'a day of the month', limits.byMonthDay, true),
    byMonth: integers(1, 12, 'a month', limits.byMonth),
    bySetPos: integers(-366, 366, 'a set position', limits.bySetPos, true),
    byYearDay: integers(-366, 366, 'a day of the year', limits.byYearDay, true),
    byWeekNo: integers(-53, 53, 'a week number', limits.byWeekNo, true),
    byHour: integers(0, 23, 'an hour', 24),
    byMinute: integers(0, 59, 'a minute', 60),
    bySecond: integers(0, 59, 'a second', 60),
    weekStart: optional(weekdaySchema),
    skip: optional(oneOf(skipValues)),
    count: optional(integer(1, 1_000_000, 'a count')),
    until: optional(leaf(dateOrDateTime)),
  },
  (input) => `expected an object or an RRULE string, got ${show(input)}`,
);

type WeekdaySpecInput = string | { day: string; nth: number };

export const dstSchema = strictObject(
  {
    nonexistent: optional(oneOf(['shift', 'skip', 'error'] as const)),
    ambiguous: optional(oneOf(['earlier', 'later'] as const)),
  },
  (input) => `expected an object, got ${show(input)}`,
);

const overrideSchema = strictObject(
  {
    cancelled: optional(
      leaf((value) => (value === undefined || value === true ? undefined : `${show(value)}: only cancelled: true cancels`)),
    ),
    date: optional(localDateSchema),
    startTime: optional(localTimeSchema),
    endTime: optional(localTimeSchema),
    duration: optional(durationSchema),
  },
  (input) => `expected { cancelled: true } or a move { date, startTime, endTime | duration }, got ${show(input)}`,
);

/** A plain object (not a Map, a Date or a class instance): what a record of overrides must be. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `overrides`: occurrence key → override, each checked by `overrideSchema` (the keys by `defineSeries`, which parses them). */
const overridesSchema = leafOf(
  (value, issues) => {
    if (!isPlainRecord(value)) {
      issues.push(leafIssue(`expected an object keyed by occurrence key, got ${show(value)}`, value));
      return;
    }
    for (const key of Object.keys(value)) pushIssues(overrideSchema, value[key], [key], issues);
  },
  (value) => {
    if (!isPlainRecord(value)) return false;
    for (const key of Object.keys(value)) if (!acceptsOverride(value[key])) return false;
    return true;
  },
);

/** The fields of a series input. */
export const seriesFields: readonly string[] = ['id', 'timezone', 'start', 'startTime', 'endTime', 'duration', 'repeat', 'exclude', 'include', 'dst', 'overrides', 'meta'];

/** The whole input; `repeat` is checked separately since it may be an RRULE string. */
export const seriesInputSchema = strictObject(
  {
    id: idSchema,
    timezone: timezoneSchema,
    start: localDateSchema,
    startTime: localTimeSchema,
    endTime: optional(localTimeSchema),
    duration: optional(durationSchema),
    repeat: anything,
    exclude: optional(listOf(dateOrDateTime, limits.exclude, true)),
    include: optional(listOf(dateOrDateTime, limits.include, true)),
    dst: optional(dstSchema),
    overrides: optional(overridesSchema),
    meta: optional(metaSchema),
  },
  (input) => `expected a series object, got ${show(input)}`,
);

const acceptsOverride = acceptorOf(overrideSchema);
/** Whether `seriesInputSchema` accepts `value`, answered without zod's bookkeeping (see `acceptorOf`). */
export const acceptsSeriesInput = acceptorOf(seriesInputSchema);
/** Whether `repeatObjectSchema` accepts `value`, answered the same way. */
export const acceptsRepeatObject = acceptorOf(repeatObjectSchema);
