import type { ValidationIssue } from '../errors.js';
import { civilToEpochDays } from '../time/civil.js';
import { milliInDay } from '../time/units.js';
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

const frequencies: Record<string, Frequency> = {
  YEARLY: 'yearly',
  MONTHLY: 'monthly',
  WEEKLY: 'weekly',
  DAILY: 'daily',
  HOURLY: 'hourly',
  MINUTELY: 'minutely',
  SECONDLY: 'secondly',
};

const skips: Record<string, Skip> = { OMIT: 'omit', BACKWARD: 'backward', FORWARD: 'forward' };

const weekdays = new Set(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']);
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
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body === '') return { issues: [{ path, message: 'the RRULE is empty' }] };

  const parts = new Map<string, string>();
  const written = body.split(';');
  if (written.length > 1 && written[written.length - 1]!.trim() === '') written.pop();
  for (const part of written) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toUpperCase();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim().toUpperCase();
    if (eq < 0 || value === '') fail(`"${part}" is not a NAME=VALUE rule part`);
    else if (parts.has(name)) fail(`${name} is given twice`);
    else parts.set(name, value);
  }

  const repeat: Record<string, unknown> = {};
  const result: { until?: UntilText } = {};
  const integers = (name: string, value: string): number[] => {
    const list = value.split(',').map((item) => item.trim());
    const bad = list.find((item) => !integerPattern.test(item));
    if (bad !== undefined) {
      fail(`${name}=${value}: "${bad}" is not an integer`);
      return [];
    }
    return list.map(Number);
  };

  for (const [name, value] of parts) {
    switch (name) {
      case 'FREQ': {
        const freq = frequencies[value];
        if (freq === undefined) fail(`FREQ=${value} is not a frequency (${Object.keys(frequencies).join(', ')})`);
        else repeat.freq = freq;
        break;
      }
      case 'RSCALE':
        if (value !== 'GREGORIAN') fail(`RSCALE=${value}: the ${value.toLowerCase()} calendar is not supported (only GREGORIAN)`);
        break;
      case 'SKIP': {
        const skip = skips[value];
        if (skip === undefined) fail(`SKIP=${value} is not one of OMIT, BACKWARD, FORWARD`);
        else repeat.skip = skip;
        break;
      }
      case 'INTERVAL':
      case 'COUNT': {
        if (!/^\d{1,9}$/.test(value)) fail(`${name}=${value} is not a positive integer`);
        else repeat[name === 'COUNT' ? 'count' : 'interval'] = Number(value);
        break;
      }
      case 'UNTIL': {
        const until = parseUntil(value);
        if (until === undefined) fail(`UNTIL=${value} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS[Z])`);
        else result.until = until;
        break;
      }
      case 'BYDAY': {
        const specs: WeekdaySpec[] = [];
        for (const item of value.split(',')) {
          const match = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(item.trim());
          if (match === null || !weekdays.has(match[2]!)) {
            fail(`BYDAY=${value}: "${item}" is not a weekday such as MO, 2TU or -1FR`);
            continue;
          }
          const day = match[2] as Weekday;
          specs.push(match[1] === undefined ? day : { day, nth: Number(match[1]) });
        }
        repeat.byWeekday = specs;
        break;
      }
      case 'WKST': {
        if (!weekdays.has(value)) fail(`WKST=${value} is not a weekday (MO … SU)`);
        else repeat.weekStart = value;
        break;
      }
      case 'BYMONTHDAY':
        repeat.byMonthDay = integers(name, value);
        break;
      case 'BYMONTH':
        repeat.byMonth = integers(name, value);
        break;
      case 'BYSETPOS':
        repeat.bySetPos = integers(name, value);
        break;
      case 'BYYEARDAY':
        repeat.byYearDay = integers(name, value);
        break;
      case 'BYWEEKNO':
        repeat.byWeekNo = integers(name, value);
        break;
      case 'BYHOUR':
        repeat.byHour = integers(name, value);
        break;
      case 'BYMINUTE':
        repeat.byMinute = integers(name, value);
        break;
      case 'BYSECOND':
        repeat.bySecond = integers(name, value);
        break;
      default:
        fail(`${name} is not a recurrence rule part timeblocks understands`);
    }
  }
  if (!parts.has('FREQ')) fail('FREQ is required');
  if (parts.has('SKIP') && !parts.has('RSCALE')) fail('SKIP needs RSCALE=GREGORIAN (RFC 7529)');
  if (issues.length > 0) return { issues };
  return { value: { repeat: repeat as unknown as RepeatInput, ...result }, issues };
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
