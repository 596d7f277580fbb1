import { InvalidArgumentError, SeriesValidationError } from '../../errors.js';
import { checkOptionKeys } from '../../option-keys.js';
import type { Series } from '../../series/types.js';
import { timeZoneProblem } from '../../time/zone.js';
import { type Component, parseComponents, properties, property } from './components.js';
import { applyException, placeExceptions, splitAt } from './exceptions.js';
import { readMeta } from './event-meta.js';
import { type CalendarZones, EventTimes } from './event-times.js';
import { maxDatesPerEvent } from './limits.js';
import { type ImportProblem, ProblemList } from './problems.js';
import { define, readMaster } from './read-event.js';
import { namedZone } from './zone-names.js';

/** Options of `fromICalendar` (and `busyBlocks`). */
export interface FromICalendarOptions {
  /**
   * The IANA zone of floating times (no TZID, no `Z`) and all-day dates. Default: the
   * calendar's `X-WR-TIMEZONE`; with neither, such events are problems.
   */
  timezone?: string;
  /** Throw one `SeriesValidationError` listing every problem instead of returning them. Default `false`. */
  strict?: boolean;
}

/** What `fromICalendar` read: a series per event (and per split), and what it could not read. */
export interface ICalendarImport {
  readonly series: Series[];
  readonly problems: ImportProblem[];
}

export const fromICalendarOptionKeys = ['timezone', 'strict'];

/**
 * Reads an iCalendar file or feed (RFC 5545: Google, Outlook/Exchange, Apple, Thunderbird,
 * Nextcloud exports) into series. Every VEVENT becomes a series whose id is its UID:
 * DTSTART with TZID, UTC or floating; its length from DTEND (exact elapsed time), DURATION
 * (nominal days) or neither (all-day: one day; otherwise no length, `duration: 'PT0S'`,
 * no blocks); RRULE, EXDATE and RDATE in all their forms; RECURRENCE-ID children as
 * overrides (moves, `STATUS:CANCELLED`), `RANGE=THISANDFUTURE` as a split (the later half's
 * id is `<uid>~<key>`); and SUMMARY, LOCATION, TRANSP, STATUS, ORGANIZER and ATTENDEE
 * e-mails as plain data in `meta`.
 *
 * TZIDs may be IANA names, Windows names (CLDR's windowsZones table), prefixed vendor
 * names (`/mozilla.org/20050126_1/Europe/Berlin`), or custom VTIMEZONEs that agree with an
 * IANA zone over the event's whole span; anything else is a problem naming the TZID.
 *
 * One bad event never sinks the import: it is left out and `problems` says which (UID),
 * where (property) and why. Size caps are in docs/interop.md.
 *
 * @param text - the calendar text
 * @param options - `timezone` for floating and all-day times; `strict` to throw on any problem
 * @returns the series, in file order, and the problems
 * @throws {InvalidArgumentError} when `text` is not a string or over a size cap (64 Mi characters, 100 000 events), for an unknown option key, or a `timezone` that is not an IANA zone
 * @throws {SeriesValidationError} with `strict: true`, listing every problem (paths `<uid>.<property>`)
 *
 * @example
 * const { series, problems } = fromICalendar(googleExport, { timezone: 'Europe/Berlin' });
 * series[0].repeat; //=> { freq: 'weekly', interval: 1, byWeekday: ['MO'], weekStart: 'MO' }
 * problems; //=> []
 */
export function fromICalendar(text: string, options: FromICalendarOptions = {}): ICalendarImport {
  checkOptionKeys(options, 'fromICalendar', fromICalendarOptionKeys);
  if (options.timezone !== undefined) {
    const problem = typeof options.timezone === 'string' ? timeZoneProblem(options.timezone) : 'expected an IANA zone name';
    if (problem !== undefined) throw new InvalidArgumentError('timezone', problem);
  }
  if (options.strict !== undefined && typeof options.strict !== 'boolean') throw new InvalidArgumentError('strict', 'expected true or false');
  const problems = new ProblemList();
  const series: Series[] = [];
  const ids = new Set<string>();
  for (const root of parseComponents(text, problems)) {
    if (root.name !== 'VCALENDAR') {
      problems.add('', root.name, 'is outside a VCALENDAR; skipped');
      continue;
    }
    for (const item of readCalendar(root, options, problems)) {
      if (ids.has(item.id)) problems.add(item.id, 'UID', 'is used by two events in the file; the later one is skipped');
      else {
        ids.add(item.id);
        series.push(item);
      }
    }
  }
  const result = problems.result();
  if (options.strict === true && result.length > 0) {
    throw new SeriesValidationError(result.map((problem) => ({ path: problem.uid === '' ? problem.property : `${problem.uid}.${problem.property}`, message: problem.message })));
  }
  return { series, problems: result };
}

function readCalendar(calendar: Component, options: FromICalendarOptions, problems: ProblemList): Series[] {
  const vtimezones = new Map<string, Component>();
  for (const child of calendar.children) {
    const tzid = child.name === 'VTIMEZONE' ? property(child, 'TZID')?.value : undefined;
    if (tzid !== undefined) vtimezones.set(tzid, child);
  }
  const zones: CalendarZones = { vtimezones, floating: floatingZone(calendar, options, problems), matches: new Map() };

  // Masters and their RECURRENCE-ID children, by UID, in file order.
  const byUid = new Map<string, { masters: Component[]; children: Component[] }>();
  for (const event of calendar.children) {
    if (event.name !== 'VEVENT') continue;
    const uid = property(event, 'UID')?.value.trim() ?? '';
    if (uid === '') {
      problems.add('', 'UID', `an event${summaryOf(event)} has no UID; skipped`);
      continue;
    }
    let group = byUid.get(uid);
    if (group === undefined) byUid.set(uid, (group = { masters: [], children: [] }));
    (property(event, 'RECURRENCE-ID') === undefined ? group.masters : group.children).push(event);
  }
  const series: Series[] = [];
  for (const [uid, { masters, children }] of byUid) {
    const times = new EventTimes(uid, zones, problems, [...masters, ...children]);
    if (masters.length > 1) times.problem('UID', 'is used by two events without RECURRENCE-ID; the first is kept');
    if (children.length > maxDatesPerEvent) {
      times.problem('RECURRENCE-ID', `${children.length} exceptions; at most ${maxDatesPerEvent} are read per event, so the event is skipped`);
      continue;
    }
    if (masters[0] === undefined) series.push(...orphans(uid, children, times));
    else series.push(...readEvent(uid, masters[0], children, times));
  }
  return series;
}

/** One event: its master, with the children applied (overrides, then splits). */
function readEvent(uid: string, event: Component, children: readonly Component[], times: EventTimes): Series[] {
  const master = readMaster(event, uid, times);
  if (master === undefined) return [];
  const exceptions = placeExceptions(children, master, times);
  for (const exception of exceptions) if (!exception.thisAndFuture) applyException(exception, master, times);
  const meta = readMeta(event, times);
  const defined = define({ ...master.input, meta }, times);
  if (defined === undefined) return [];
  let result = [defined];
  for (const exception of exceptions) {
    if (!exception.thisAndFuture) continue;
    const last = result.pop()!;
    result = [...result, ...splitAt(last, exception, master, times)];
  }
  return result;
}

/**
 * Exceptions without their master (an invitation to one instance, shared alone): each is
 * a single event of its own, id `<uid>~<RECURRENCE-ID>`.
 */
function orphans(uid: string, children: readonly Component[], times: EventTimes): Series[] {
  const series: Series[] = [];
  for (const child of children) {
    const rid = property(child, 'RECURRENCE-ID')!.value.trim();
    const single: Component = { ...child, properties: child.properties.filter((line) => line.name !== 'RRULE' && line.name !== 'RECURRENCE-ID') };
    const master = readMaster(single, `${uid}~${rid}`, times);
    if (master === undefined) continue;
    const defined = define({ ...master.input, meta: readMeta(child, times) }, times);
    if (defined !== undefined) series.push(defined);
  }
  return series;
}

/** `options.timezone`, else X-WR-TIMEZONE (an IANA, Windows or vendor name), else none. */
function floatingZone(calendar: Component, options: FromICalendarOptions, problems: ProblemList): CalendarZones['floating'] {
  if (options.timezone !== undefined) return { zone: options.timezone, source: 'timezone option' };
  const line = properties(calendar, 'X-WR-TIMEZONE')[0];
  if (line === undefined) return undefined;
  const zone = namedZone(line.value);
  if (zone === undefined) {
    problems.add('', 'X-WR-TIMEZONE', `${JSON.stringify(line.value.slice(0, 60))} is not a zone name; floating and all-day times need options.timezone`);
    return undefined;
  }
  return { zone, source: 'X-WR-TIMEZONE' };
}

function summaryOf(event: Component): string {
  const summary = property(event, 'SUMMARY')?.value;
  return summary === undefined ? '' : ` (${JSON.stringify(summary.slice(0, 40))})`;
}
