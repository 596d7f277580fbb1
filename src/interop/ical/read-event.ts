import { SeriesValidationError } from '../../errors.js';
import { expand } from '../../expand/expand.js';
import { occurrences } from '../../expand/occurrences.js';
import { defineSeries } from '../../series/define.js';
import type { OverrideInput, RepeatInput, Series, SeriesInput } from '../../series/types.js';
import { wallToInstant } from '../../time/convert.js';
import { formatLocalDate, formatLocalDateTime, formatLocalTime, parseLocalDateTime } from '../../time/local-format.js';
import { milliInDay } from '../../time/units.js';
import { type Component, properties, property } from './components.js';
import { type Length, readLength } from './event-length.js';
import type { EventTimes } from './event-times.js';
import { exactIsoDuration, parseIcalDuration } from './ical-duration.js';
import { maxDatesPerEvent } from './limits.js';

/** A master VEVENT read into series input, before its RECURRENCE-ID children are applied. */
export interface MasterEvent {
  readonly input: SeriesInput & { overrides: Record<string, OverrideInput> };
  readonly zone: string;
  readonly allDay: boolean;
  /** Whether `key` is an occurrence of the event (its rule, DTSTART or an RDATE). */
  readonly isOccurrence: (key: string) => boolean;
}

/**
 * A VEVENT without RECURRENCE-ID as series input: DTSTART (zone, date, time), its length,
 * RRULE, RDATE (date-times in any zone, dates, periods) and EXDATE (the same forms).
 * Undefined, with problems, when the event cannot be read.
 */
export function readMaster(event: Component, id: string, times: EventTimes): MasterEvent | undefined {
  const dtstart = property(event, 'DTSTART');
  if (dtstart === undefined) return times.problem('DTSTART', 'is missing');
  const start = times.read(dtstart);
  if (start === undefined) return undefined;
  const zone = start.kind === 'date' ? times.floatingZone('DTSTART', 'is an all-day date (VALUE=DATE)') : start.zone;
  if (zone === undefined) return undefined;
  const startWall = start.kind === 'date' ? start.day * milliInDay : start.wallMs;

  const rules = properties(event, 'RRULE');
  if (rules.length > 1) return times.problem('RRULE', 'is given more than once; RFC 5545 gives an event one rule');
  const rdates = properties(event, 'RDATE');
  const exdates = properties(event, 'EXDATE');
  const dateCount = [...rdates, ...exdates].reduce((sum, line) => sum + line.value.split(',').length, 0);
  if (dateCount > maxDatesPerEvent) return times.problem('EXDATE', `${dateCount} EXDATE and RDATE values; at most ${maxDatesPerEvent} are read per event`);

  times.wallClockEnd = property(event, 'X-TIMEBLOCKS-END')?.value.trim().toUpperCase() === 'WALL-CLOCK';
  const length = readLength(event, start, startWall, zone, times, rules.length === 0 && rdates.length === 0);
  if (length === undefined) return undefined;
  const startDay = Math.floor(startWall / milliInDay);
  const startKey = formatLocalDateTime(startWall);
  const input: MasterEvent['input'] = { id, timezone: zone, start: formatLocalDate(startDay), startTime: formatLocalTime(startWall - startDay * milliInDay), ...length, overrides: {} };
  if (rules[0] !== undefined) input.repeat = rules[0].value;
  const dst = readDst(event, times);
  if (dst !== undefined) input.dst = dst;

  // A rule is checked on its own first: does it select DTSTART? (A single event needs no check.)
  const base = input.repeat === undefined ? undefined : define(input, times);
  if (input.repeat !== undefined && base === undefined) return undefined;
  const include = new Set<string>();
  // Which occurrence comes first is a question of keys: asked under 'shift', so that a
  // DTSTART in a DST gap is found (under 'skip' it would be passed over, under 'error' throw).
  const probe = base === undefined || base.dst.nonexistent === 'shift' ? base : define({ ...input, dst: { ...base.dst, nonexistent: 'shift' } }, times);
  if (probe?.repeat !== undefined && occurrences(probe).next().value?.key !== startKey) {
    // RFC 5545 counts DTSTART as the first instance even when the rule does not select it.
    include.add(startKey);
    const count = base!.repeat!.count;
    if (count === 1) delete input.repeat;
    else input.repeat = { ...base!.repeat, ...(count === undefined ? {} : { count: count - 1 }) } as RepeatInput;
  }
  const rule = input.repeat === undefined ? undefined : include.size === 0 ? base : define({ ...input, overrides: {} }, times);
  if (input.repeat !== undefined && rule === undefined) return undefined;
  const ruleHas = (key: string) => (rule === undefined ? key === startKey : hasKey(rule, key));

  for (const line of rdates) {
    const period = line.params.get('VALUE')?.toUpperCase() === 'PERIOD';
    for (const text of line.value.split(',')) {
      if (period || text.includes('/')) readPeriod(line.name, text, line, zone, times, include, input.overrides);
      else {
        const time = times.read(line, text);
        if (time === undefined) continue;
        include.add(time.kind === 'date' ? `${formatLocalDate(time.day)}T${input.startTime}` : formatLocalDateTime(times.wallIn(time, zone)));
      }
    }
  }
  const exclude = new Set<string>();
  for (const line of exdates) {
    for (const text of line.value.split(',')) {
      const time = times.read(line, text);
      if (time === undefined) continue;
      if (time.kind === 'date') {
        exclude.add(formatLocalDate(time.day));
        continue;
      }
      const key = formatLocalDateTime(times.wallIn(time, zone));
      const removedInclude = include.delete(key);
      if (removedInclude) delete input.overrides[key];
      // An EXDATE that names no instance removes nothing (RFC 5545), as an exclude does.
      if (ruleHas(key)) input.overrides[key] = { cancelled: true };
    }
  }
  for (const key of Object.keys(input.overrides)) if (exclude.has(key.slice(0, 10))) delete input.overrides[key];
  for (const key of include) if (exclude.has(key.slice(0, 10))) include.delete(key);
  if (include.size > 0) input.include = [...include];
  if (exclude.size > 0) input.exclude = [...exclude];
  const isOccurrence = (key: string) => !exclude.has(key.slice(0, 10)) && (include.has(key) || ruleHas(key));
  return { input, zone, allDay: start.kind === 'date', isOccurrence };
}

/** A PERIOD RDATE (`start/end` or `start/duration`): an included start with its own exact length. */
function readPeriod(name: string, text: string, line: Parameters<EventTimes['read']>[0], zone: string, times: EventTimes, include: Set<string>, overrides: Record<string, OverrideInput>): void {
  const [startText = '', endText = ''] = text.split('/');
  const start = times.read(line, startText);
  if (start === undefined) return;
  if (start.kind === 'date') return void times.problem(name, `the period ${JSON.stringify(text.slice(0, 60))} starts with a date; a period starts with a date-time`);
  const startWall = times.wallIn(start, zone);
  const startInstant = wallToInstant(zone, startWall);
  let ms: number;
  if (/^[+-]?P/i.test(endText)) {
    const duration = parseIcalDuration(endText);
    if (typeof duration === 'string') return void times.problem(name, `the period's duration ${JSON.stringify(endText.slice(0, 40))} ${duration}`);
    ms = wallToInstant(zone, startWall + duration.days * milliInDay) + duration.exactMs - startInstant;
  } else {
    const end = times.read(line, endText);
    if (end === undefined) return;
    if (end.kind === 'date') return void times.problem(name, `the period ${JSON.stringify(text.slice(0, 60))} ends with a date; a period ends with a date-time`);
    ms = times.instant(end, zone) - startInstant;
  }
  if (ms < 0) return void times.problem(name, `the period ${JSON.stringify(text.slice(0, 60))} ends before it starts`);
  const key = formatLocalDateTime(startWall);
  include.add(key);
  overrides[key] = { duration: exactIsoDuration(ms) };
}

/** `X-TIMEBLOCKS-DST` (written by `toICalendar` for non-default policies): the series' DST policies. */
function readDst(event: Component, times: EventTimes): SeriesInput['dst'] {
  const line = property(event, 'X-TIMEBLOCKS-DST');
  if (line === undefined) return undefined;
  const match = /^NONEXISTENT=(SHIFT|SKIP|ERROR);AMBIGUOUS=(EARLIER|LATER)$/i.exec(line.value.trim());
  if (match === null) return times.problem('X-TIMEBLOCKS-DST', `${JSON.stringify(line.value.slice(0, 60))} is not NONEXISTENT=SHIFT|SKIP|ERROR;AMBIGUOUS=EARLIER|LATER; the defaults apply`);
  return { nonexistent: match[1]!.toLowerCase() as 'shift', ambiguous: match[2]!.toLowerCase() as 'earlier' };
}

/** Whether the series has an occurrence with this key (a small window around its wall time). */
function hasKey(series: Series, key: string): boolean {
  const wall = parseLocalDateTime(key);
  if (typeof wall !== 'number') return false;
  const at = wallToInstant(series.timezone, wall);
  return expand(series, { from: at - 2 * milliInDay, to: at + 2 * milliInDay }).some((block) => block.key === key);
}

/** `defineSeries`, its problems reported under the names the file uses. */
export function define(input: SeriesInput, times: EventTimes): Series | undefined {
  try {
    return defineSeries(input);
  } catch (error) {
    if (!(error instanceof SeriesValidationError)) throw error;
    for (const issue of error.issues) times.problem(icalName(issue.path), issue.message);
    return undefined;
  }
}

/** A series field path back to the iCalendar property it came from. */
export function icalName(path: string): string {
  if (path.startsWith('repeat')) return 'RRULE';
  if (path === 'id') return 'UID';
  if (path === 'timezone' || path === 'start' || path === 'startTime') return 'DTSTART';
  if (path === 'endTime' || path === 'duration') return 'DTEND';
  if (path.startsWith('exclude')) return 'EXDATE';
  if (path.startsWith('include')) return 'RDATE';
  if (path.startsWith('overrides')) return 'RECURRENCE-ID';
  if (path.startsWith('meta')) return 'VEVENT';
  return path === '' ? 'VEVENT' : path;
}

export type { Length };
