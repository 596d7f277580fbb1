import { formatLocalDateTime } from '../time/local-format.js';
import { milliInDay } from '../time/units.js';

/**
 * RFC 5545 value forms shared by the RRULE and iCalendar writers and the parser:
 * `20250106T093000` (local), `20250106T083000Z` (UTC), `20250106` (date).
 */

/** `YYYYMMDDTHHMMSS` of a wall ms. */
export function icalLocal(wallMs: number): string {
  const text = formatLocalDateTime(wallMs);
  const withSeconds = text.length === 16 ? `${text}:00` : text;
  return withSeconds.replaceAll('-', '').replaceAll(':', '');
}

/** `YYYYMMDDTHHMMSSZ` of an instant. */
export function icalUtc(epochMs: number): string {
  return `${icalLocal(Math.floor(epochMs / 1000) * 1000)}Z`;
}

/** `YYYYMMDD` of an epoch day. */
export function icalDate(epochDays: number): string {
  return icalLocal(epochDays * milliInDay).slice(0, 8);
}

/** A parsed date or date-time value. */
export type IcalValue =
  | { readonly form: 'date'; readonly epochDays: number }
  | { readonly form: 'local'; readonly wallMs: number }
  | { readonly form: 'utc'; readonly epochMs: number };

const valuePattern = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;

/** Parses one value; undefined when it is not a valid date or date-time. */
export function parseIcalValue(text: string): IcalValue | undefined {
  const match = valuePattern.exec(text.trim().toUpperCase());
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, z] = match;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  if (date.getUTCMonth() !== Number(mo) - 1 || Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(s ?? 0) > 59) return undefined;
  const epochDays = Math.round(date.getTime() / milliInDay);
  if (h === undefined) return { form: 'date', epochDays };
  const wallMs = epochDays * milliInDay + ((Number(h) * 60 + Number(mi)) * 60 + Number(s)) * 1000;
  return z === undefined ? { form: 'local', wallMs } : { form: 'utc', epochMs: wallMs };
}

/** The rule part of a structured rule as RRULE text (no `RRULE:` prefix, no UNTIL). */
export function ruleParts(rule: {
  freq: string;
  interval: number;
  byWeekday?: ReadonlyArray<string | { day: string; nth: number }>;
  byMonthDay?: readonly number[];
  byMonth?: readonly number[];
  byYearDay?: readonly number[];
  byWeekNo?: readonly number[];
  bySetPos?: readonly number[];
  byHour?: readonly number[];
  byMinute?: readonly number[];
  bySecond?: readonly number[];
  weekStart: string;
  skip?: string;
  count?: number;
}): string[] {
  // RFC 7529 puts RSCALE first; it is written only when SKIP says something (not OMIT).
  const parts = rule.skip !== undefined && rule.skip !== 'omit' ? ['RSCALE=GREGORIAN', `FREQ=${rule.freq.toUpperCase()}`] : [`FREQ=${rule.freq.toUpperCase()}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byWeekday) parts.push(`BYDAY=${rule.byWeekday.map((spec) => (typeof spec === 'string' ? spec : `${spec.nth}${spec.day}`)).join(',')}`);
  if (rule.byMonthDay) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byMonth) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.byYearDay) parts.push(`BYYEARDAY=${rule.byYearDay.join(',')}`);
  if (rule.byWeekNo) parts.push(`BYWEEKNO=${rule.byWeekNo.join(',')}`);
  if (rule.byHour) parts.push(`BYHOUR=${rule.byHour.join(',')}`);
  if (rule.byMinute) parts.push(`BYMINUTE=${rule.byMinute.join(',')}`);
  if (rule.bySecond) parts.push(`BYSECOND=${rule.bySecond.join(',')}`);
  if (rule.bySetPos) parts.push(`BYSETPOS=${rule.bySetPos.join(',')}`);
  if (rule.weekStart !== 'MO') parts.push(`WKST=${rule.weekStart}`);
  if (rule.skip !== undefined && rule.skip !== 'omit') parts.push(`SKIP=${rule.skip.toUpperCase()}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  return parts;
}
