import { defineSeries } from '../../series/define.js';
import { expand } from '../../expand/expand.js';
import { instantToWall, wallToInstant } from '../../time/convert.js';
import { formatLocalDate, formatLocalTime } from '../../time/local-format.js';
import { milliInDay } from '../../time/units.js';
import type { ContentLine } from '../content-lines.js';
import { parseIcalValue } from '../ical-values.js';
import { type Component, property } from './components.js';
import { matchCustomZone } from './custom-zone.js';
import { openEndedMatchYears } from './limits.js';
import { type ProblemList, quote } from './problems.js';
import { namedZone } from './zone-names.js';

/** A DATE value (an all-day day), or a wall time in a resolved IANA zone (`UTC` for `Z` values). */
export type EventTime = { readonly kind: 'date'; readonly day: number } | { readonly kind: 'wall'; readonly zone: string; readonly wallMs: number };

/** What a whole calendar says about zones: its VTIMEZONEs and the zone for floating and all-day times. */
export interface CalendarZones {
  readonly vtimezones: ReadonlyMap<string, Component>;
  /** `options.timezone`, else the calendar's X-WR-TIMEZONE, with where it came from. */
  readonly floating: { readonly zone: string; readonly source: string } | undefined;
  /** Custom VTIMEZONE matches, by TZID and span. */
  readonly matches: Map<string, string | undefined>;
}

/**
 * Reads the date and date-time values of one event (its master and RECURRENCE-ID
 * children), resolving every TZID the same way and reporting problems under its UID.
 */
export class EventTimes {
  #span: [number, number] | undefined;
  /** Set by the master's `X-TIMEBLOCKS-END:WALL-CLOCK` (written by `toICalendar`): DTENDs are wall-clock end times. */
  wallClockEnd = false;

  constructor(
    readonly uid: string,
    readonly zones: CalendarZones,
    readonly problems: ProblemList,
    /** Every component of the event, for the span a custom VTIMEZONE must agree over. */
    readonly components: readonly Component[],
  ) {}

  problem(property: string, message: string): undefined {
    this.problems.add(this.uid, property, message);
    return undefined;
  }

  /** One value of a date or date-time property (`text` defaults to the whole value). */
  read(line: ContentLine, text = line.value): EventTime | undefined {
    const value = parseIcalValue(text);
    if (value === undefined) return this.problem(line.name, `${quote(text)} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS[Z])`);
    const type = line.params.get('VALUE')?.toUpperCase();
    if (type === 'DATE' && value.form !== 'date') return this.problem(line.name, 'says VALUE=DATE but holds a date-time');
    if (value.form === 'date') return { kind: 'date', day: value.epochDays };
    if (value.form === 'utc') {
      if (line.params.has('TZID')) return this.problem(line.name, 'has both a TZID and a UTC (Z) value');
      return { kind: 'wall', zone: 'UTC', wallMs: value.epochMs };
    }
    const tzid = line.params.get('TZID');
    const zone = tzid === undefined ? this.floatingZone(line.name, 'is a floating time (no TZID, no Z)') : this.resolveTzid(line.name, tzid);
    return zone === undefined ? undefined : { kind: 'wall', zone, wallMs: value.wallMs };
  }

  /** The zone floating and all-day times take, or a problem saying how to give one. */
  floatingZone(property: string, what: string): string | undefined {
    const floating = this.zones.floating;
    if (floating !== undefined) return floating.zone;
    return this.problem(property, `${what} and the calendar names no zone for it: give options.timezone (or the file an X-WR-TIMEZONE)`);
  }

  /**
   * The IANA zone of a TZID: an IANA, Windows or prefixed vendor name as it says (these win
   * over a VTIMEZONE of the same name), else the IANA zone the file's VTIMEZONE agrees
   * with over the event's whole span; else a problem naming the TZID.
   */
  resolveTzid(property: string, tzid: string): string | undefined {
    const named = namedZone(tzid);
    if (named !== undefined) return named;
    const vtimezone = this.zones.vtimezones.get(tzid);
    if (vtimezone === undefined) return this.problem(property, `TZID ${quote(tzid)} is neither an IANA nor a Windows zone name, and the calendar has no VTIMEZONE for it`);
    const [from, to] = this.span();
    const cacheKey = `${tzid}\u0000${from}\u0000${to}`;
    if (!this.zones.matches.has(cacheKey)) this.zones.matches.set(cacheKey, matchCustomZone(tzid, vtimezone, from, to));
    const matched = this.zones.matches.get(cacheKey);
    if (matched !== undefined) return matched;
    return this.problem(property, `TZID ${quote(tzid)}: its VTIMEZONE agrees with no IANA zone over the event's span (${formatLocalDate(Math.floor(from / milliInDay))} to ${formatLocalDate(Math.floor(to / milliInDay))}), so its times cannot be placed`);
  }

  /**
   * The UTC range the event may occupy, widened by a day each side (offsets are unknown
   * yet): its earliest to its latest written time, or to the rule's end — UNTIL, the last
   * COUNT occurrence, or `openEndedMatchYears` on for a rule that never ends.
   */
  span(): [number, number] {
    if (this.#span !== undefined) return this.#span;
    let from = Infinity;
    let to = -Infinity;
    const see = (ms: number) => {
      from = Math.min(from, ms);
      to = Math.max(to, ms);
    };
    for (const component of this.components) {
      for (const line of component.properties) {
        if (!['DTSTART', 'DTEND', 'RDATE', 'EXDATE', 'RECURRENCE-ID'].includes(line.name)) continue;
        for (const text of line.value.split(/[,/]/)) {
          const value = parseIcalValue(text);
          if (value !== undefined) see(value.form === 'date' ? value.epochDays * milliInDay : value.form === 'utc' ? value.epochMs : value.wallMs);
        }
      }
      const rule = property(component, 'RRULE');
      const start = parseIcalValue(property(component, 'DTSTART')?.value ?? '');
      if (rule !== undefined && start !== undefined) see(ruleEnd(rule.value, start));
    }
    if (from === Infinity) from = to = 0;
    this.#span = [from - milliInDay, to + milliInDay];
    return this.#span;
  }

  /** The instant of a time; a date is its local midnight in the floating zone. */
  instant(time: EventTime, floatingZone: string): number {
    return time.kind === 'date' ? wallToInstant(floatingZone, time.day * milliInDay) : wallToInstant(time.zone, time.wallMs);
  }

  /** A time as a wall time in `zone` (the series' zone): unchanged when already in it. */
  wallIn(time: EventTime, zone: string): number {
    if (time.kind === 'date') return time.day * milliInDay;
    if (time.zone === zone) return time.wallMs;
    return instantToWall(zone, wallToInstant(time.zone, time.wallMs));
  }
}

/** Where a rule ends, approximately (wall or UTC ms): UNTIL, the last COUNT occurrence, or open-ended. */
function ruleEnd(rule: string, start: NonNullable<ReturnType<typeof parseIcalValue>>): number {
  const startMs = start.form === 'date' ? start.epochDays * milliInDay : start.form === 'utc' ? start.epochMs : start.wallMs;
  const openEnded = startMs + openEndedMatchYears * 366 * milliInDay;
  const until = /(?:^|;)UNTIL=([^;]*)/i.exec(rule)?.[1];
  if (until !== undefined) {
    const value = parseIcalValue(until);
    if (value === undefined) return openEnded;
    return value.form === 'date' ? (value.epochDays + 1) * milliInDay : value.form === 'utc' ? value.epochMs : value.wallMs;
  }
  if (!/(?:^|;)COUNT=/i.test(rule)) return openEnded;
  try {
    // The rule's last occurrence, from the core's own engine run over wall times in UTC.
    const day = Math.floor(startMs / milliInDay);
    const shadow = defineSeries({ id: 'span', timezone: 'UTC', start: formatLocalDate(day), startTime: formatLocalTime(startMs - day * milliInDay), duration: 'PT1S', repeat: rule });
    const blocks = expand(shadow, { limit: 100_000 });
    return blocks.length === 0 ? startMs : blocks[blocks.length - 1]!.start;
  } catch {
    return openEnded;
  }
}
