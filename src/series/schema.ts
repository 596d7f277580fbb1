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

/** A leaf whose whole validation is `check`: a message when invalid, undefined when fine. */
function leaf<T>(check: (value: unknown) => string | undefined) {
  return z.unknown().check(
    z.superRefine((value, ctx) => {
      const problem = check(value);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    }),
  ) as unknown as z.ZodMiniType<T>;
}

const required = (value: unknown) => (value === undefined ? 'is required' : undefined);

function stringLeaf(describe: (text: string) => string | undefined) {
  return leaf<string>((value) => required(value) ?? (typeof value === 'string' ? describe(value) : `expected a string, got ${show(value)}`));
}

const problemOf = (result: number | string) => (typeof result === 'string' ? result : undefined);

export const localDateSchema = stringLeaf((text) => problemOf(parseLocalDate(text)));
export const localTimeSchema = stringLeaf((text) => problemOf(parseLocalTime(text)));
export const durationSchema = stringLeaf((text) => problemOf(parseDuration(text, { allowZero: true })));
/** `meta`: a plain JSON object within its caps (see meta.ts). */
export const metaSchema = leaf<Record<string, unknown>>((value) => metaProblem(value));
/** An `include` entry: a local date-time, or a date meaning "at startTime". */
export const includeSchema = stringLeaf((text) => problemOf(text.includes('T') ? parseLocalDateTime(text) : parseLocalDate(text)));

export const timezoneSchema = stringLeaf((name) => timeZoneProblem(name));

export const idSchema = stringLeaf((id) => {
  if (id.length === 0) return 'must not be empty';
  if (id.length > limits.idChars) return `must be at most ${limits.idChars} characters (it has ${id.length})`;
  // C0, DEL and C1: no output format can carry them (an iCalendar UID least of all).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(id)) return 'must not contain control characters';
  return undefined;
});

export const weekdayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

const isWeekday = (value: unknown) => typeof value === 'string' && (weekdayCodes as readonly string[]).includes(value);
const notWeekday = (value: unknown) => `${show(value)} is not a weekday (MO, TU, WE, TH, FR, SA, SU)`;

export const weekdaySchema = leaf<(typeof weekdayCodes)[number]>((value) => required(value) ?? (isWeekday(value) ? undefined : notWeekday(value)));

/** Integer in [min, max], zero excluded when `nonZero`. */
export function integerSchema(min: number, max: number, noun: string, nonZero = false) {
  return leaf<number>((value) => {
    if (value === undefined) return 'is required';
    if (typeof value !== 'number' || !Number.isInteger(value)) return `${show(value)} is not an integer`;
    if (value < min || value > max || (nonZero && value === 0)) {
      return `${value} is not ${noun} (${min} to ${max}${nonZero ? ', not 0' : ''})`;
    }
    return undefined;
  });
}

const weekdaySpecSchema = leaf<string | { day: string; nth: number }>((value) => {
  if (typeof value === 'string' || value === undefined) return isWeekday(value) ? undefined : notWeekday(value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `${show(value)} is not a weekday or { day, nth }`;
  }
  const spec = value as Record<string, unknown>;
  const extra = Object.keys(spec).filter((key) => key !== 'day' && key !== 'nth');
  if (extra.length > 0) return `unknown field ${quoteText(extra[0]!)} in { day, nth }`;
  if (!isWeekday(spec.day)) return `day: ${notWeekday(spec.day)}`;
  if (typeof spec.nth !== 'number' || !Number.isInteger(spec.nth) || spec.nth === 0 || Math.abs(spec.nth) > 53) {
    return `nth: ${show(spec.nth)} is not a position (-53 to 53, not 0)`;
  }
  return undefined;
});

// Only a wrong type is "not a list": a list too long is reported by `inputSizeIssues` first.
const notAList = { error: (issue: { code?: string; input?: unknown }) => (issue.code === 'invalid_type' ? `expected a list, got ${show(issue.input)}` : undefined) };

function listOf<T>(item: z.ZodMiniType<T>, maxLength: number) {
  return z.array(item, notAList).check(
    z.minLength(1, { error: 'must not be empty (leave it out instead)' }),
    z.maxLength(maxLength, { error: `must have at most ${maxLength} entries` }),
  );
}

export const repeatObjectSchema = z.strictObject(
  {
    freq: leaf<'daily' | 'weekly' | 'monthly' | 'yearly'>((value) =>
      required(value) ??
      (['daily', 'weekly', 'monthly', 'yearly'].includes(value as string)
        ? undefined
        : `${show(value)} is not a frequency (daily, weekly, monthly, yearly)`),
    ),
    interval: z.optional(integerSchema(1, 10_000, 'an interval')),
    byWeekday: z.optional(listOf(weekdaySpecSchema, limits.byWeekday)),
    byMonthDay: z.optional(listOf(integerSchema(-31, 31, 'a day of the month', true), limits.byMonthDay)),
    byMonth: z.optional(listOf(integerSchema(1, 12, 'a month'), limits.byMonth)),
    bySetPos: z.optional(listOf(integerSchema(-366, 366, 'a set position', true), limits.bySetPos)),
    byYearDay: z.optional(listOf(integerSchema(-366, 366, 'a day of the year', true), limits.byYearDay)),
    byWeekNo: z.optional(listOf(integerSchema(-53, 53, 'a week number', true), limits.byWeekNo)),
    weekStart: z.optional(weekdaySchema),
    count: z.optional(integerSchema(1, 1_000_000, 'a count')),
    until: z.optional(localDateSchema),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? `expected an object or an RRULE string, got ${show(issue.input)}` : undefined) },
);

export const dstSchema = z.strictObject(
  {
    nonexistent: z.optional(
      leaf<'shift' | 'skip' | 'error'>((value) =>
        ['shift', 'skip', 'error'].includes(value as string) ? undefined : `${show(value)} is not one of shift, skip, error`,
      ),
    ),
    ambiguous: z.optional(
      leaf<'earlier' | 'later'>((value) => (['earlier', 'later'].includes(value as string) ? undefined : `${show(value)} is not one of earlier, later`)),
    ),
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
    exclude: z.optional(z.array(localDateSchema, notAList).check(z.maxLength(limits.exclude, { error: `must have at most ${limits.exclude} entries` }))),
    include: z.optional(z.array(includeSchema, notAList).check(z.maxLength(limits.include, { error: `must have at most ${limits.include} entries` }))),
    dst: z.optional(dstSchema),
    overrides: z.optional(
      z.record(z.string(), overrideSchema, { error: (issue) => `expected an object keyed by occurrence key, got ${show(issue.input)}` }),
    ),
    meta: z.optional(metaSchema),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? `expected a series object, got ${show(issue.input)}` : undefined) },
);
