import { showId, showValue } from '../show-value.js';
import { InvalidArgumentError } from '../errors.js';
import { toEpochMs } from '../expand/instant.js';
import type { InstantInput } from '../expand/types.js';
import { parseDuration } from '../series/duration.js';
import { requireSeries } from '../series/require-series.js';
import type { MoveOverride, Rule, Series } from '../series/types.js';
import { compileRule } from '../rule/compiled-rule.js';
import { RuleCursor } from '../rule/rule-cursor.js';
import { wallToInstant } from '../time/convert.js';
import { epochDaysToCivil } from '../time/civil.js';
import { parseLocalDate, parseLocalDateTime, parseLocalTime } from '../time/local-format.js';
import { milliInDay } from '../time/units.js';
import { checkOptionKeys } from '../option-keys.js';
import { escapeText, foldLine, textValue } from './fold.js';
import { limits } from '../limits.js';
import { icalUtc, parseIcalValue } from './ical-values.js';
import { exactIsoDuration } from './ical/ical-duration.js';
import { isUtcSeries, recurrenceLines, zonedLine } from './recurrence-lines.js';
import { vtimezoneLines } from './vtimezone.js';

/** Options of `toICalendar`. */
export interface ToICalendarOptions {
  /** PRODID. Default `-//timeblocks//timeblocks//EN`. */
  prodId?: string;
  /** Appended to series ids to make UIDs: `<id>@<uidDomain>`. Default `timeblocks`. */
  uidDomain?: string;
  /** DTSTAMP of every VEVENT. Default: the series' first start, so output never depends on the clock. */
  dtstamp?: InstantInput;
  /** SUMMARY of a series' events. Default: its id. */
  summary?: (series: Series) => string;
  /** Last year a VTIMEZONE covers for series that never end. Default: 20 years after their start. */
  horizonYears?: number;
}

/**
 * A complete iCalendar (RFC 5545) VCALENDAR: one VEVENT per series (UID from its id,
 * DTSTART/DTEND with TZID or DURATION, RRULE, EXDATE, RDATE), a VEVENT with RECURRENCE-ID
 * for each moved occurrence, and a VTIMEZONE for each zone used, built from the same
 * transition data as the core. Lines are folded at 75 octets and end in CRLF.
 *
 * Calendar clients give every occurrence DTEND's exact length; a series with `endTime`
 * keeps its wall-clock end instead (an overnight shift lasts 7 or 9 hours on DST nights),
 * so on DST days their ends can differ from timeblocks' by the DST shift. Non-default DST
 * policies travel in an `X-TIMEBLOCKS-DST` property, and a wall-clock end in
 * `X-TIMEBLOCKS-END:WALL-CLOCK`, which other clients ignore and `fromICalendar` reads back.
 *
 * @param seriesList - series from `defineSeries`, or raw inputs (JSON read back), validated the same way
 * @param options - PRODID, UID domain, DTSTAMP, SUMMARY and VTIMEZONE horizon; see `ToICalendarOptions`
 * @throws {InvalidArgumentError} when `seriesList` is not an array or holds a non-object (field `seriesList[i]`), for duplicate series ids,
 *   an unknown option key, or a bad option (`summary` not a function or not giving a string, `prodId`/`uidDomain` not a string, …);
 *   for a control character in `prodId` or `uidDomain`, or one other than a line break in a summary (TEXT cannot carry it; line
 *   breaks in a summary are written as `\n`), or a text past its cap (docs/limits.md), naming the option
 * @throws {SeriesValidationError} when an entry is raw input that is not a valid series (paths `seriesList[i].…`)
 *
 * @example
 * toICalendar([standup]).split('\r\n').slice(0, 3);
 * //=> ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//timeblocks//timeblocks//EN']
 */
export function toICalendar(seriesList: readonly Series[], options: ToICalendarOptions = {}): string {
  if (!Array.isArray(seriesList)) throw new InvalidArgumentError('seriesList', 'expected an array of series');
  checkOptions(options);
  const checked = seriesList.map((series, i) => requireSeries(series, `seriesList[${i}]`));
  const ids = new Set<string>();
  for (const series of checked) {
    if (ids.has(series.id)) throw new InvalidArgumentError('seriesList', `series id ${showId(series.id)} appears twice`);
    ids.add(series.id);
  }
  const horizon = options.horizonYears ?? 20;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 1000) throw new InvalidArgumentError('horizonYears', `${showValue(horizon)} is not a number of years from 1 to 1000`);
  const dtstamp = options.dtstamp === undefined ? undefined : toEpochMs(options.dtstamp, 'dtstamp');

  const prodId = textValue(options.prodId ?? '-//timeblocks//timeblocks//EN', { field: 'prodId', maxChars: limits.icalOptionChars, lineBreaks: false });
  const uidDomain = textValue(options.uidDomain ?? 'timeblocks', { field: 'uidDomain', maxChars: limits.icalOptionChars, lineBreaks: false });
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${prodId}`, 'CALSCALE:GREGORIAN'];
  const years = new Map<string, [number, number]>();
  for (const series of checked) {
    if (isUtcSeries(series)) continue;
    const [from, to] = yearSpan(series, horizon);
    const known = years.get(series.timezone);
    years.set(series.timezone, known === undefined ? [from, to] : [Math.min(known[0], from), Math.max(known[1], to)]);
  }
  // Appended one by one: spreading a list of 20 000+ lines into push() overflows the stack.
  const append = (more: readonly string[]) => {
    for (const line of more) lines.push(line);
  };
  for (const [timezone, [from, to]] of [...years].sort(([a], [b]) => (a < b ? -1 : 1))) append(vtimezoneLines(timezone, from, to));
  for (const series of checked) append(eventLines(series, { uidDomain, summary: options.summary }, dtstamp));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** Unknown keys and wrong types are errors: an ignored `summary: 'text'` would silently drop the user's title. */
function checkOptions(options: ToICalendarOptions): void {
  checkOptionKeys(options, 'toICalendar', ['prodId', 'uidDomain', 'dtstamp', 'summary', 'horizonYears']);
  for (const field of ['prodId', 'uidDomain'] as const) {
    const value: unknown = options[field];
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw new InvalidArgumentError(field, 'expected a non-empty string');
  }
  if (options.summary !== undefined && typeof options.summary !== 'function') throw new InvalidArgumentError('summary', 'expected a function');
}

/** What every VEVENT shares: the escaped UID domain and the summary function. */
interface EventOptions {
  readonly uidDomain: string;
  readonly summary: ToICalendarOptions['summary'];
}

function eventLines(series: Series, options: EventOptions, dtstamp: number | undefined): string[] {
  const startWall = (parseLocalDate(series.start) as number) * milliInDay + (parseLocalTime(series.startTime) as number);
  const uid = `UID:${escapeText(series.id)}@${options.uidDomain}`;
  const stamp = `DTSTAMP:${icalUtc(dtstamp ?? (isUtcSeries(series) ? startWall : wallToInstant(series.timezone, startWall)))}`;
  const summary = `SUMMARY:${summaryOf(series, options)}`;
  const [dtstart, ...recurrence] = recurrenceLines(series, { allowMoves: true });
  // DTEND follows the DTSTART written (the rule's first occurrence, not always `start`,
  // nor always at `startTime`: `BYSECOND=15` from 00:00 starts at 00:00:15), by the
  // series' nominal length, as every occurrence's end does.
  const written = parseIcalValue(dtstart!.slice(dtstart!.lastIndexOf(':') + 1))!;
  const dtstartWall = written.form === 'utc' ? written.epochMs : written.form === 'local' ? written.wallMs : startWall;
  const lines = ['BEGIN:VEVENT', uid, stamp, dtstart!, ...lengthLines(series, dtstartWall, { duration: series.duration }), ...recurrence, summary];
  if (series.dst.nonexistent !== 'shift' || series.dst.ambiguous !== 'earlier') {
    lines.push(`X-TIMEBLOCKS-DST:NONEXISTENT=${series.dst.nonexistent.toUpperCase()};AMBIGUOUS=${series.dst.ambiguous.toUpperCase()}`);
  }
  // DTEND is exact elapsed time to other readers; this says it is a wall-clock end time here.
  if (series.endTime !== undefined) lines.push('X-TIMEBLOCKS-END:WALL-CLOCK');
  lines.push('END:VEVENT');
  for (const [key, override] of Object.entries(series.overrides ?? {})) {
    if ('cancelled' in override) continue;
    const original = parseLocalDateTime(key) as number;
    const moved = movedStart(original, override);
    lines.push('BEGIN:VEVENT', uid, stamp, zonedLine(series, 'RECURRENCE-ID', [original]), zonedLine(series, 'DTSTART', [moved]));
    for (const line of lengthLines(series, moved, override)) lines.push(line);
    lines.push(summary, 'END:VEVENT');
  }
  return lines;
}

/** The escaped SUMMARY text: the user's (checked: no control characters but line breaks), or the id. */
function summaryOf(series: Series, options: EventOptions): string {
  if (options.summary === undefined) return escapeText(series.id);
  const text: unknown = options.summary(series);
  if (typeof text !== 'string') throw new InvalidArgumentError('summary', `returned ${typeof text} for series ${showId(series.id)}; expected a string`);
  return textValue(text, { field: 'summary', maxChars: limits.summaryChars, lineBreaks: true, subject: `for series ${showId(series.id)}` });
}

/**
 * DTEND for a wall end time (the next day when not after the start), else DURATION. A
 * moved occurrence without its own end keeps the series' nominal wall-clock length.
 */
function lengthLines(series: Series, startWall: number, length: { endTime?: string; duration?: string }): string[] {
  const duration = length.duration ?? (length.endTime === undefined ? series.duration : undefined);
  if (duration !== undefined) return [`DURATION:${exactIsoDuration(parseDuration(duration, { allowZero: true }) as number)}`];
  const day = Math.floor(startWall / milliInDay) * milliInDay;
  if (length.endTime === undefined) return [zonedLine(series, 'DTEND', [startWall + wallLength(series)])];
  const endMs = parseLocalTime(length.endTime) as number;
  return [zonedLine(series, 'DTEND', [day + endMs + (day + endMs <= startWall ? milliInDay : 0)])];
}

/** The series' nominal wall-clock length (endTime after startTime, or across midnight). */
function wallLength(series: Series): number {
  const start = parseLocalTime(series.startTime) as number;
  const end = parseLocalTime(series.endTime!) as number;
  return end > start ? end - start : end + milliInDay - start;
}

function movedStart(original: number, override: MoveOverride): number {
  const day = override.date === undefined ? Math.floor(original / milliInDay) : (parseLocalDate(override.date) as number);
  const time = override.startTime === undefined ? original - Math.floor(original / milliInDay) * milliInDay : (parseLocalTime(override.startTime) as number);
  return day * milliInDay + time;
}

/** UTC years a series' VTIMEZONE must cover: its start to its end, or `horizon` years on. */
function yearSpan(series: Series, horizon: number): [number, number] {
  const startYear = epochDaysToCivil(parseLocalDate(series.start) as number).year;
  const rule = series.repeat;
  let endYear = startYear + horizon;
  if (rule === undefined) endYear = startYear;
  else if (rule.until !== undefined) endYear = Number(rule.until.slice(0, 4));
  else if (rule.count !== undefined) endYear = epochDaysToCivil(lastRuleDay(rule, series)).year;
  let [first, last] = [startYear, endYear];
  const widen = (text: string) => {
    const year = Number(text.slice(0, 4));
    if (year < first) first = year;
    if (year > last) last = year;
  };
  series.include.forEach(widen);
  for (const [key, override] of Object.entries(series.overrides ?? {})) {
    widen(key);
    if ('date' in override && override.date !== undefined) widen(override.date);
  }
  return [first - 1, last + 1];
}

/** The date of a counted rule's last occurrence. */
function lastRuleDay(rule: Rule, series: Series): number {
  const startWall = (parseLocalDate(series.start) as number) * milliInDay + (parseLocalTime(series.startTime) as number);
  const cursor = new RuleCursor(compileRule(rule, startWall));
  let last = startWall;
  for (let wall = cursor.next(); !Number.isNaN(wall); wall = cursor.next()) last = wall;
  return Math.floor(last / milliInDay);
}
