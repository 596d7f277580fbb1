import { SeriesValidationError, type ValidationIssue } from '../errors.js';
import { checkOptionKeys } from '../option-keys.js';
import { defineSeries } from '../series/define.js';
import type { DstPolicy, OverrideInput, Series, SeriesInput } from '../series/types.js';
import { instantToWall } from '../time/convert.js';
import { formatLocalDate, formatLocalDateTime, formatLocalTime } from '../time/local-format.js';
import { milliInDay } from '../time/units.js';
import { isKnownTimeZone, timeZoneProblem } from '../time/zone.js';
import { type ContentLine, parseContentLine, unfold } from './content-lines.js';
import { type IcalValue, parseIcalValue } from './ical-values.js';
import { limits } from '../limits.js';
import { countOf } from '../series/rrule-text.js';
import { quoteText, showToken } from '../show-value.js';

/** Options of `fromRRule`: what RRULE text does not say. */
export interface FromRRuleOptions {
  /** The series id. */
  id: string;
  /** Local end time of each occurrence; exclusive with `duration`. */
  endTime?: string;
  /** Exact length of each occurrence; exclusive with `endTime`. */
  duration?: string;
  dst?: Partial<DstPolicy>;
  /** Zone for a floating or date-only DTSTART, or for text without DTSTART. */
  timezone?: string;
  /** Start date when the text has no DTSTART. */
  start?: string;
  /** Start time when the text has no DTSTART, or a date-only one. */
  startTime?: string;
}

/** Every key `FromRRuleOptions` has: any other is a typo that would be ignored. */
const fromRRuleOptionKeys = ['id', 'endTime', 'duration', 'dst', 'timezone', 'start', 'startTime'];

/**
 * Reads RFC 5545 recurrence text — `DTSTART`, `RRULE`, `EXDATE`, `RDATE` lines, as
 * `toRRule` writes and calendar clients export them — into a `Series`. Folded lines, an
 * `RRULE:` prefix or a bare `FREQ=` line, any letter case, `WKST`, and a UTC `UNTIL` with a
 * zoned `DTSTART` are accepted.
 *
 * @param text - the recurrence lines
 * @param options - `id`, and `endTime` or `duration`; `timezone`, `start`, `startTime` when the text lacks them
 * @throws {SeriesValidationError} naming the offending line or part (`RRULE.UNTIL`, `DTSTART`, `EXDATE`…); text past a size cap
 *   (1 000 000 characters, 50 000 lines, 20 000 EXDATE or 10 000 RDATE values: docs/limits.md) is refused before it is read
 * @throws {InvalidArgumentError} for an unknown option key (named, with the accepted ones)
 *
 * @example
 * fromRRule('DTSTART;TZID=Europe/Berlin:20250106T093000\nRRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=3', { id: 'x', endTime: '10:00' }).repeat;
 * //=> { freq: 'weekly', interval: 1, byWeekday: ['MO'], weekStart: 'MO', count: 3 }
 */
export function fromRRule(text: string, options: FromRRuleOptions): Series {
  const issues: ValidationIssue[] = [];
  const fail = (path: string, message: string) => issues.push({ path, message });
  if (typeof text !== 'string') throw new SeriesValidationError([{ path: '', message: 'expected RRULE text' }]);
  if (typeof options !== 'object' || options === null) throw new SeriesValidationError([{ path: 'options', message: 'expected { id, endTime | duration }' }]);
  checkOptionKeys(options, 'fromRRule', fromRRuleOptionKeys);

  if (text.length > limits.recurrenceTextChars) {
    throw new SeriesValidationError([{ path: '', message: `the text is ${text.length} characters long; at most ${limits.recurrenceTextChars} are allowed` }]);
  }
  const rawLines = unfold(text);
  if (rawLines.length > limits.recurrenceTextLines) {
    throw new SeriesValidationError([{ path: '', message: `the text has ${rawLines.length} lines; at most ${limits.recurrenceTextLines} are allowed` }]);
  }
  const lines: Record<'DTSTART' | 'RRULE' | 'EXDATE' | 'RDATE', ContentLine[]> = { DTSTART: [], RRULE: [], EXDATE: [], RDATE: [] };
  for (const raw of rawLines) {
    const line = parseContentLine(raw);
    if (line === undefined) fail('', `${quoteText(raw)} is not an RFC 5545 content line`);
    else if (line.name in lines) lines[line.name as keyof typeof lines].push(line);
    else fail(showToken(line.name), `${showToken(line.name)} lines are not part of recurrence text (DTSTART, RRULE, EXDATE, RDATE)`);
  }
  checkValueCounts(lines.EXDATE, limits.exdateValues);
  checkValueCounts(lines.RDATE, limits.rdateValues);
  if (lines.DTSTART.length > 1) fail('DTSTART', 'is given more than once');
  if (lines.RRULE.length > 1) fail('RRULE', 'is given more than once: a series has one rule');

  const start = readStart(lines.DTSTART[0], options, fail);
  const input: SeriesInput = { id: options.id, timezone: start?.timezone ?? options.timezone ?? '', start: start?.date ?? options.start ?? '', startTime: start?.time ?? options.startTime ?? '' };
  if (options.endTime !== undefined) input.endTime = options.endTime;
  if (options.duration !== undefined) input.duration = options.duration;
  if (options.dst !== undefined) input.dst = options.dst;

  const rule = lines.RRULE[0];
  if (rule !== undefined) {
    checkUntilForm(rule.value, start?.form, fail);
    input.repeat = rule.value;
  }
  if (issues.length === 0 && isKnownTimeZone(input.timezone)) {
    const include = new Set<string>();
    for (const line of lines.RDATE) for (const wall of readDates(line, input, fail)) include.add(formatLocalDateTime(wall));
    // RDATEs per local date, so an EXDATE asks "does its day keep an RDATE?" in O(1).
    const includesOnDate = new Map<string, number>();
    for (const key of include) includesOnDate.set(key.slice(0, 10), (includesOnDate.get(key.slice(0, 10)) ?? 0) + 1);
    const exclude: string[] = [];
    const overrides: Record<string, OverrideInput> = {};
    const startKeyTime = formatLocalTime(wallTimeOf(input.startTime));
    for (const line of lines.EXDATE) {
      for (const wall of readDates(line, input, fail)) {
        const key = formatLocalDateTime(wall);
        const date = formatLocalDate(Math.floor(wall / milliInDay));
        if (include.delete(key)) {
          includesOnDate.set(date, includesOnDate.get(date)! - 1);
          continue; // removes an RDATE
        }
        if (key !== `${date}T${startKeyTime}`) {
          fail('EXDATE', `${key} is neither at the start time ${input.startTime} nor an RDATE, so it removes nothing timeblocks can express`);
        } else if ((includesOnDate.get(date) ?? 0) > 0) {
          overrides[key] = { cancelled: true }; // excluding the date would remove that day's RDATEs too
        } else {
          exclude.push(date);
        }
      }
    }
    if (exclude.length > 0) input.exclude = exclude;
    if (include.size > 0) input.include = [...include];
    if (Object.keys(overrides).length > 0) input.overrides = overrides;
  }
  // defineSeries checks the rest (the rule's parts, dates, lengths); its problems join ours,
  // under the names the text uses, unless a line already has one.
  let omitted = 0; // problems defineSeries counted but did not keep
  try {
    const series = defineSeries(input);
    if (issues.length === 0) return series;
  } catch (error) {
    if (!(error instanceof SeriesValidationError)) throw error;
    const reported = new Set(issues.map((issue) => issue.path));
    for (const issue of error.issues) {
      const path = renamePath(issue.path);
      if (!reported.has(path)) issues.push({ ...issue, path });
    }
    omitted = error.issueCount - error.issues.length;
  }
  throw new SeriesValidationError(issues, issues.length + omitted);
}

/**
 * EXDATE or RDATE values past their cap, counted (not parsed) across lines: refused before
 * any value is read.
 */
function checkValueCounts(lines: readonly ContentLine[], cap: number): void {
  let count = 0;
  for (const line of lines) count += countOf(line.value, ',') + 1;
  if (count > cap) {
    throw new SeriesValidationError([{ path: lines[0]!.name, message: `has ${count} values in all; at most ${cap} are allowed` }]);
  }
}

function wallTimeOf(startTime: string): number {
  const [h, m, s] = startTime.split(':').map(Number);
  return ((h! * 60 + m!) * 60 + (s ?? 0)) * 1000;
}

/** Series field names back to the RFC 5545 names the user wrote. */
function renamePath(path: string): string {
  if (path.startsWith('repeat')) return path.replace(/^repeat/, 'RRULE');
  if (path === 'timezone' || path === 'start' || path === 'startTime') return 'DTSTART';
  if (path.startsWith('exclude') || path.startsWith('overrides')) return 'EXDATE';
  if (path.startsWith('include')) return 'RDATE';
  return path;
}

interface Start {
  readonly timezone: string;
  readonly date: string;
  readonly time: string;
  readonly form: IcalValue['form'];
}

function readStart(line: ContentLine | undefined, options: FromRRuleOptions, fail: (path: string, message: string) => void): Start | undefined {
  if (line === undefined) {
    if (options.start === undefined || options.startTime === undefined || options.timezone === undefined) {
      fail('DTSTART', 'is missing: give a DTSTART line, or start, startTime and timezone in the options');
    }
    return undefined;
  }
  const value = parseIcalValue(line.value);
  const tzid = line.params.get('TZID');
  const valueType = line.params.get('VALUE')?.toUpperCase();
  if (value === undefined) {
    fail('DTSTART', `${quoteText(line.value)} is not a date-time such as 20250106T093000`);
    return undefined;
  }
  if (valueType === 'DATE' && value.form !== 'date') fail('DTSTART', 'says VALUE=DATE but holds a date-time');
  if (tzid !== undefined && !isKnownTimeZone(tzid)) fail('DTSTART', unknownTzid(tzid));
  switch (value.form) {
    case 'utc':
      if (tzid !== undefined) fail('DTSTART', 'has both TZID and a UTC (Z) value');
      return { timezone: 'UTC', date: formatLocalDate(Math.floor(value.epochMs / milliInDay)), time: formatLocalTime(value.epochMs % milliInDay), form: 'utc' };
    case 'local': {
      const timezone = tzid ?? options.timezone;
      if (timezone === undefined) fail('DTSTART', 'is floating (no TZID, no Z): give a timezone option');
      const day = Math.floor(value.wallMs / milliInDay);
      return { timezone: timezone ?? '', date: formatLocalDate(day), time: formatLocalTime(value.wallMs - day * milliInDay), form: 'local' };
    }
    case 'date':
      if (options.startTime === undefined) fail('DTSTART', 'is a date without a time: give a startTime option (a series has a time of day)');
      if ((tzid ?? options.timezone) === undefined) fail('DTSTART', 'is a date without a zone: give a timezone option');
      return { timezone: tzid ?? options.timezone ?? '', date: formatLocalDate(value.epochDays), time: options.startTime ?? '', form: 'date' };
  }
}

/**
 * RFC 5545: UNTIL has DTSTART's value type (date or date-time). A floating UNTIL with a
 * zoned DTSTART (which some clients write) is read in DTSTART's zone.
 */
function checkUntilForm(rule: string, startForm: IcalValue['form'] | undefined, fail: (path: string, message: string) => void): void {
  const until = /(?:^|;)UNTIL=([^;]*)/i.exec(rule.replace(/^RRULE:/i, ''))?.[1];
  if (until === undefined || startForm === undefined) return;
  const value = parseIcalValue(until);
  if (value === undefined) return; // the rule parser names it
  if (startForm === 'date' && value.form !== 'date') fail('RRULE.UNTIL', `${until} is a date-time, but DTSTART is a date`);
  if (startForm !== 'date' && value.form === 'date') fail('RRULE.UNTIL', `${until} is a date, but DTSTART is a date-time: write it as a UTC date-time (…T235959Z)`);
}

/** EXDATE/RDATE values as wall times in the series' zone. */
function readDates(line: ContentLine, input: SeriesInput, fail: (path: string, message: string) => void): number[] {
  const valueType = line.params.get('VALUE')?.toUpperCase();
  if (valueType === 'PERIOD') {
    fail(line.name, 'VALUE=PERIOD is not supported: give start date-times');
    return [];
  }
  const tzid = line.params.get('TZID');
  if (tzid !== undefined && !isKnownTimeZone(tzid)) {
    fail(line.name, unknownTzid(tzid));
    return [];
  }
  const walls: number[] = [];
  for (const text of line.value.split(',')) {
    const value = parseIcalValue(text);
    if (value === undefined) {
      fail(line.name, `${quoteText(text)} is not a date or date-time`);
      continue;
    }
    if (value.form === 'date') walls.push(value.epochDays * milliInDay + wallTimeOf(input.startTime));
    else if (value.form === 'utc') walls.push(instantToWall(input.timezone, value.epochMs));
    else if (tzid === undefined || tzid === input.timezone) walls.push(value.wallMs);
    else fail(line.name, `TZID=${showToken(tzid)} differs from DTSTART's zone ${input.timezone}`);
  }
  return walls;
}

/** Why a TZID is no zone name this runtime knows (or knows only in another case). */
function unknownTzid(tzid: string): string {
  if (tzid.length > limits.fieldChars) return `TZID ${quoteText(tzid)} is not a known IANA time zone`;
  return `TZID ${timeZoneProblem(tzid) ?? `${quoteText(tzid)} is not a known IANA time zone`}`;
}
