import * as z from 'zod/mini';
import { timeZoneProblem } from '../time/zone.js';
import { parseLocalDate, parseLocalDateTime, parseLocalTime } from '../time/local-format.js';
import { parseDuration } from './duration.js';
import { metaProblem } from './meta.js';
import { limits } from '../limits.js';
import { quoteText } from '../show-value.js';

/**
 * The zod schemas of a series input. Each leaf check returns the whole sentence a user
 * sees (`"XX" is not a weekday`), so messages read the same whichever rule failed.
 * Written with `zod/mini`: only the pieces used reach a browser bundle, and no locale
 * (every message here is our own).
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

/**
 * How each leaf says "valid" without zod's bookkeeping: the compiled acceptors below
 * (`acceptsSeriesInput`) call these. A leaf's validation and its acceptor are made from
 * the same check function, so they cannot disagree.
 */
const leafAcceptors = new WeakMap<object, (value: unknown) => boolean>();

/** A zod issue raised by a leaf: its whole sentence, at `path` below the leaf. */
interface LeafIssue {
  code: 'custom';
  message: string;
  input: unknown;
  path: PropertyKey[];
  continue: true;
}

const leafIssue = (message: string, input: unknown, path: PropertyKey[] = []): LeafIssue => ({ code: 'custom', message, input, path, continue: true });

/**
 * A leaf of the schema: `validate` pushes the value's problems (with paths below the leaf),
 * `accepts` says whether it has none. Both are given by the callers below from one check.
 */
function leafOf<T>(validate: (value: unknown, issues: LeafIssue[]) => void, accepts: (value: unknown) => boolean) {
  const schema = z.unknown().check(z.check((payload) => validate(payload.value, payload.issues as unknown as LeafIssue[])));
  leafAcceptors.set(schema, accepts);
  return schema as unknown as z.ZodMiniType<T>;
}

/** A leaf whose whole validation is `check`: a message when invalid, undefined when fine. */
function leaf<T>(check: (value: unknown) => string | undefined) {
  return leafOf<T>(
    (value, issues) => {
      const problem = check(value);
      if (problem !== undefined) issues.push(leafIssue(problem, value));
    },
    (value) => check(value) === undefined,
  );
}

const required = (value: unknown) => (value === undefined ? 'is required' : undefined);

/** The check of a string field: required, a string, then `describe`'s verdict on the text. */
function stringCheck(describe: (text: string) => string | undefined) {
  return (value: unknown) => required(value) ?? (typeof value === 'string' ? describe(value) : `expected a string, got ${show(value)}`);
}

const problemOf = (result: number | string) => (typeof result === 'string' ? result : undefined);

export const localDateSchema = leaf<string>(stringCheck((text) => problemOf(parseLocalDate(text))));
export const localTimeSchema = leaf<string>(stringCheck((text) => problemOf(parseLocalTime(text))));
export const durationSchema = leaf<string>(stringCheck((text) => problemOf(parseDuration(text, { allowZero: true }))));
/** `meta`: a plain JSON object within its caps (see meta.ts). */
export const metaSchema = leaf<Record<string, unknown>>((value) => metaProblem(value));
/**
 * A local date, or a local date-time (`YYYY-MM-DDTHH:mm[:ss]`): an `include` entry (a date
 * means "at startTime"), an `exclude` entry (a date: every occurrence that day), `until`
 * (the last local date, or date-time, an occurrence may start on, inclusive).
 */
const dateOrDateTime = stringCheck((text) => problemOf(text.includes('T') ? parseLocalDateTime(text) : parseLocalDate(text)));

export const frequencies = ['yearly', 'monthly', 'weekly', 'daily', 'hourly', 'minutely', 'secondly'] as const;
export const skipValues = ['omit', 'backward', 'forward'] as const;

export const timezoneSchema = leaf<string>(stringCheck((name) => timeZoneProblem(name)));

// C0, DEL and C1: no output format can carry them (an iCalendar UID least of all).
// eslint-disable-next-line no-control-regex
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

export const idSchema = leaf<string>(
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

export const weekdaySchema = leaf<(typeof weekdayCodes)[number]>((value) => required(value) ?? (isWeekday(value) ? undefined : notWeekday(value)));

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
function listOf<T>(item: (value: unknown) => string | undefined, maxLength: number, allowEmpty = false) {
  const shapeProblem = (value: unknown): string | undefined => {
    if (!Array.isArray(value)) return `expected a list, got ${show(value)}`;
    if (value.length === 0 && !allowEmpty) return 'must not be empty (leave it out instead)';
    if (value.length > maxLength) return `must have at most ${maxLength} entries`;
    return undefined;
  };
  return leafOf<T[]>(
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

const integer = (min: number, max: number, noun: string, nonZero = false) => leaf<number>(integerCheck(min, max, noun, nonZero));
const integers = (min: number, max: number, noun: string, maxLength: number, nonZero = false) =>
  z.optional(listOf<number>(integerCheck(min, max, noun, nonZero), maxLength));

/** A leaf that takes one of `values`; absent is fine unless `required`. */
function oneOf<T extends string>(values: readonly T[], noun = `one of ${values.join(', ')}`, isRequired = false) {
  return leaf<T>((value) => (isRequired ? required(value) : undefined) ?? (value === undefined || values.includes(value as T) ? undefined : `${show(value)} is not ${noun}`));
}

export const repeatObjectSchema = z.strictObject(
  {
    freq: oneOf(frequencies, `a frequency (${frequencies.join(', ')})`, true),
    interval: z.optional(integer(1, 10_000, 'an interval')),
    byWeekday: z.optional(listOf<WeekdaySpecInput>(weekdaySpecCheck, limits.byWeekday)),
    byMonthDay: integers(-31, 31, 'a day of the month', limits.byMonthDay, true),
    byMonth: integers(1, 12, 'a month', limits.byMonth),
    bySetPos: integers(-366, 366, 'a set position', limits.bySetPos, true),
    byYearDay: integers(-366, 366, 'a day of the year', limits.byYearDay, true),
    byWeekNo: integers(-53, 53, 'a week number', limits.byWeekNo, true),
    byHour: integers(0, 23, 'an hour', 24),
    byMinute: integers(0, 59, 'a minute', 60),
    bySecond: integers(0, 59, 'a second', 60),
    weekStart: z.optional(weekdaySchema),
    skip: z.optional(oneOf(skipValues)),
    count: z.optional(integer(1, 1_000_000, 'a count')),
    until: z.optional(leaf<string>(dateOrDateTime)),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? `expected an object or an RRULE string, got ${show(issue.input)}` : undefined) },
);

type WeekdaySpecInput = string | { day: string; nth: number };

export const dstSchema = z.strictObject(
  {
    nonexistent: z.optional(oneOf(['shift', 'skip', 'error'] as const)),
    ambiguous: z.optional(oneOf(['earlier', 'later'] as const)),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? `expected an object, got ${show(issue.input)}` : undefined) },
);

const overrideSchema = z.strictObject(
  {
    cancelled: z.optional(
      leaf<true>((value) => (value === undefined || value === true ? undefined : `${show(value)}: only cancelled: true cancels`)),
    ),
    date: z.optional(localDateSchema),
    startTime: z.optional(localTimeSchema),
    endTime: z.optional(localTimeSchema),
    duration: z.optional(durationSchema),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? `expected { cancelled: true } or a move { date, startTime, endTime | duration }, got ${show(issue.input)}` : undefined) },
);

/** A plain object (not a Map, a Date or a class instance): what a record of overrides must be. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `overrides`: occurrence key → override, each checked by `overrideSchema` (the keys by `defineSeries`, which parses them). */
const overridesSchema = leafOf<Record<string, unknown>>(
  (value, issues) => {
    if (!isPlainRecord(value)) {
      issues.push(leafIssue(`expected an object keyed by occurrence key, got ${show(value)}`, value));
      return;
    }
    for (const key of Object.keys(value)) {
      const checked = overrideSchema.safeParse(value[key]);
      if (!checked.success) for (const issue of checked.error.issues) issues.push({ ...issue, path: [key, ...issue.path] } as unknown as LeafIssue);
    }
  },
  (value) => {
    if (!isPlainRecord(value)) return false;
    for (const key of Object.keys(value)) if (!acceptsOverride(value[key])) return false;
    return true;
  },
);

/** The whole input; `repeat` is checked separately since it may be an RRULE string. */
export const seriesInputSchema = z.strictObject(
  {
    id: idSchema,
    timezone: timezoneSchema,
    start: localDateSchema,
    startTime: localTimeSchema,
    endTime: z.optional(localTimeSchema),
    duration: z.optional(durationSchema),
    repeat: z.optional(z.unknown()),
    exclude: z.optional(listOf<string>(dateOrDateTime, limits.exclude, true)),
    include: z.optional(listOf<string>(dateOrDateTime, limits.include, true)),
    dst: z.optional(dstSchema),
    overrides: z.optional(overridesSchema),
    meta: z.optional(metaSchema),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? `expected a series object, got ${show(issue.input)}` : undefined) },
);

/**
 * A schema compiled, once, into a function that says whether a value passes it, without
 * zod's per-call bookkeeping (a payload and an issue list per field): `defineSeries`
 * asks it first and runs the zod schema, for its issues, only when it says no. It knows
 * the constructs the schemas above are made of (strict objects, optional fields, leaves);
 * for any other it says no, leaving the verdict to zod.
 */
function compileAcceptor(schema: z.ZodMiniType): (value: unknown) => boolean {
  const accepts = leafAcceptors.get(schema);
  if (accepts !== undefined) return accepts;
  const def = schema._zod.def as { type: string; innerType?: z.ZodMiniType; shape?: Record<string, z.ZodMiniType>; checks?: unknown[] };
  if (def.type === 'optional') {
    const inner = compileAcceptor(def.innerType!);
    return (value) => value === undefined || inner(value);
  }
  if (def.type === 'unknown' && (def.checks?.length ?? 0) === 0) return () => true;
  if (def.type === 'object') {
    const keys = Object.keys(def.shape!);
    const fields = keys.map((key) => compileAcceptor(def.shape![key]!));
    const known = new Set(keys);
    return (value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const record = value as Record<string, unknown>;
      for (let i = 0; i < keys.length; i++) if (!fields[i]!(record[keys[i]!])) return false;
      for (const key in record) if (!known.has(key)) return false;
      return true;
    };
  }
  return () => false;
}

const acceptsOverride = compileAcceptor(overrideSchema);
/** Whether `seriesInputSchema` accepts `value`, answered without zod's bookkeeping (see `compileAcceptor`). */
export const acceptsSeriesInput = compileAcceptor(seriesInputSchema);
/** Whether `repeatObjectSchema` accepts `value`, answered the same way. */
export const acceptsRepeatObject = compileAcceptor(repeatObjectSchema);
