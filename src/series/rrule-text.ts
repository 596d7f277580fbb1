import type { ValidationIssue } from '../errors.js';
import { limits } from '../limits.js';
import { quoteText, showToken } from '../show-value.js';
import { civilToEpochDays } from '../time/civil.js';
import { milliInDay } from '../time/units.js';
import { frequencies, skipValues, weekdayCodes } from './schema.js';
import type { Frequency, RepeatInput, Skip, Weekday, WeekdaySpec } from './types.js';

/** UNTIL as written: a date, a floating local date-time, or a UTC instant. */
export type UntilText =
  | { readonly form: 'date'; readonly epochDays: number }
  | { readonly form: 'local'; readonly wallMs: number }
  | { readonly form: 'utc'; readonly epochMs: number };

/** An RRULE line taken apart; UNTIL needs the series (its zone and time of day) to judge. */
export interface ParsedRRule {
  readonly repeat: Omit<RepeatInput, 'until'>;
  readonly until?: UntilText;
}

/** A code among `codes` (lower case) written in upper case, as RRULE text writes it. */
const isCode = (codes: readonly string[], value: string) => codes.includes(value.toLowerCase());
const codeList = (codes: readonly string[]) => codes.join(', ').toUpperCase();
const isWeekday = (value: string) => (weekdayCodes as readonly string[]).includes(value);
const integerPattern = /^[+-]?\d{1,9}$/;
const untilPattern = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;

/**
 * Parses one RFC 5545 recurrence rule (`FREQ=WEEKLY;BYDAY=MO,WE` with or without an
 * `RRULE:` prefix, any letter case, a trailing `;` as Google Calendar writes it), with RFC
 * 7529's `RSCALE=GREGORIAN` and `SKIP`. Problems are reported against `path`, naming the part.
 */
export function parseRRuleText(text: string, path: string): { value?: ParsedRRule; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const fail = (message: string) => issues.push({ path, message });
  // Sizes before splitting: text past these caps cannot be a rule, however it reads.
  if (text.length > limits.rruleChars) {
    return { issues: [{ path, message: `the RRULE is ${text.length} characters long; at most ${limits.rruleChars} are allowed` }] };
  }
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body === '') return { issues: [{ path, message: 'the RRULE is empty' }] };
  const partCount = countOf(body, ';') + 1;
  if (partCount > limits.rruleParts) {
    return { issues: [{ path, message: `the RRULE has ${partCount} parts; at most ${limits.rruleParts} are allowed` }] };
  }

  const parts = new Map<string, string>();
  const written = body.split(';');
  if (written.length > 1 && written[written.length - 1]!.trim() === '') written.pop();
  for (const part of written) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toUpperCase();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim().toUpperCase();
    if (eq < 0 || value === '') fail(`${quoteText(part)} is not a NAME=VALUE rule part`);
    else if (parts.has(name)) fail(`${showToken(name)} is given twice`);
    else parts.set(name, value);
  }

  const repeat: Record<string, unknown> = {};
  const result: { until?: UntilText } = {};
  const integers = (name: string, value: string): number[] => {
    if (tooManyValues(name, value)) return [];
    const list = value.split(',').map((item) => item.trim());
    const bad = list.find((item) => !integerPattern.test(item));
    if (bad !== undefined) {
      fail(`${name}=${showToken(value)}: ${quoteText(bad)} is not an integer`);
      return [];
    }
    return list.map(Number);
  };
  // A list longer than its by-part allows is refused before it is split.
  const tooManyValues = (name: string, value: string): boolean => {
    const cap = listCaps[name] ?? limits.rruleParts;
    const count = countOf(value, ',') + 1;
    if (count > cap) fail(`${name} has ${count} values; at most ${cap} are allowed`);
    return count > cap;
  };

  for (const [name, value] of parts) {
    const integerPart = integerParts[name];
    if (integerPart !== undefined) {
      repeat[integerPart] = integers(name, value);
      continue;
    }
    switch (name) {
      case 'FREQ':
        if (!isCode(frequencies, value)) fail(`FREQ=${showToken(value)} is not a frequency (${codeList(frequencies)})`);
        else repeat.freq = value.toLowerCase() as Frequency;
        break;
      case 'RSCALE':
        if (value !== 'GREGORIAN') fail(`RSCALE=${showToken(value)}: the ${showToken(value.toLowerCase())} calendar is not supported (only GREGORIAN)`);
        break;
      case 'SKIP':
        if (!isCode(skipValues, value)) fail(`SKIP=${showToken(value)} is not one of ${codeList(skipValues)}`);
        else repeat.skip = value.toLowerCase() as Skip;
        break;
      case 'INTERVAL':
      case 'COUNT':
        if (!/^\d{1,9}$/.test(value)) fail(`${name}=${showToken(value)} is not a positive integer`);
        else repeat[name.toLowerCase()] = Number(value);
        break;
      case 'UNTIL': {
        const until = parseUntil(value);
        if (until === undefined) fail(`UNTIL=${showToken(value)} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS[Z])`);
        else result.until = until;
        break;
      }
      case 'BYDAY': {
        const specs: WeekdaySpec[] = [];
        if (tooManyValues(name, value)) break;
        for (const item of value.split(',')) {
          const match = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(item.trim());
          if (match === null || !isWeekday(match[2]!)) {
            fail(`BYDAY: ${quoteText(item)} is not a weekday such as MO, 2TU or -1FR`);
            continue;
          }
          const day = match[2] as Weekday;
          specs.push(match[1] === undefined ? day : { day, nth: Number(match[1]) });
        }
        repeat.byWeekday = specs;
        break;
      }
      case 'WKST':
        if (!isWeekday(value)) fail(`WKST=${showToken(value)} is not a weekday (MO … SU)`);
        else repeat.weekStart = value;
        break;
      default:
        fail(`${showToken(name)} is not a recurrence rule part timeblocks understands`);
    }
  }
  if (!parts.has('FREQ')) fail('FREQ is required');
  if (parts.has('SKIP') && !parts.has('RSCALE')) fail('SKIP needs RSCALE=GREGORIAN (RFC 7529)');
  if (issues.length > 0) return { issues };
  return { value: { repeat: repeat as unknown as RepeatInput, ...result }, issues };
}

/** The integer list parts, each with the repeat field it fills. */
const integerParts: Record<string, string> = {
  BYMONTHDAY: 'byMonthDay',
  BYMONTH: 'byMonth',
  BYSETPOS: 'bySetPos',
  BYYEARDAY: 'byYearDay',
  BYWEEKNO: 'byWeekNo',
  BYHOUR: 'byHour',
  BYMINUTE: 'byMinute',
  BYSECOND: 'bySecond',
};

/** The most values each list part may hold: its by-part's cap (BYHOUR and friends: their range). */
const listCaps: Record<string, number> = {
  BYDAY: limits.byWeekday,
  BYMONTHDAY: limits.byMonthDay,
  BYMONTH: limits.byMonth,
  BYSETPOS: limits.bySetPos,
  BYYEARDAY: limits.byYearDay,
  BYWEEKNO: limits.byWeekNo,
  BYHOUR: 24,
  BYMINUTE: 60,
  BYSECOND: 61,
};

/** How many times `char` occurs in `text`. */
export function countOf(text: string, char: string): number {
  let count = 0;
  for (let i = text.indexOf(char); i >= 0; i = text.indexOf(char, i + 1)) count++;
  return count;
}

function parseUntil(value: string): UntilText | undefined {
  const match = untilPattern.exec(value);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, z] = match;
  const epochDays = civilToEpochDays(Number(y), Number(mo), Number(d));
  const check = new Date(0);
  check.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  if (check.getUTCMonth() !== Number(mo) - 1 || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) {
    return undefined;
  }
  if (h === undefined) return { form: 'date', epochDays };
  const wallMs = epochDays * milliInDay + ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1000;
  return z === undefined ? { form: 'local', wallMs } : { form: 'utc', epochMs: wallMs };
}
