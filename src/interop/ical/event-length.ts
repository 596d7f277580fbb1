import { offsetRange, wallToInstant } from '../../time/convert.js';
import { formatLocalTime } from '../../time/local-format.js';
import { milliInDay } from '../../time/units.js';
import { type Component, property } from './components.js';
import type { EventTime, EventTimes } from './event-times.js';
import { exactIsoDuration, parseIcalDuration } from './ical-duration.js';

/** A series' (or a moved occurrence's) length: a wall end time or an exact duration (`PT0S`: no length). */
export type Length = { readonly endTime: string } | { readonly duration: string };

/**
 * The length of an event starting at `startWall` in `zone` (RFC 5545 §3.6.1):
 * - DTEND: the exact elapsed time DTEND − DTSTART (§3.8.5.3), every instance the same;
 *   for an all-day event, its whole local days;
 * - DURATION: its nominal days (the same wall time n days on) plus its exact time;
 * - neither: one day for an all-day event, and no length (`PT0S`, no blocks) otherwise.
 *
 * A nominal length of one day is `endTime` = the start time. A longer nominal length is
 * exact where it cannot differ: in a zone whose offset never changes over the event's
 * span, or for an event that happens once. Otherwise it is a problem, not a guess.
 */
export function readLength(event: Component, start: EventTime, startWall: number, zone: string, times: EventTimes, once: boolean): Length | undefined {
  const dtend = property(event, 'DTEND');
  const duration = property(event, 'DURATION');
  if (dtend !== undefined && duration !== undefined) return times.problem('DTEND', 'and DURATION are both given; RFC 5545 allows one');
  const nominal = (days: number, exactMs: number, name: string) => nominalLength(days, exactMs, startWall, zone, times, once, name);
  if (dtend !== undefined) {
    const end = times.read(dtend);
    if (end === undefined) return undefined;
    if ((end.kind === 'date') !== (start.kind === 'date')) return times.problem('DTEND', 'is a date where DTSTART is a date-time, or the other way round');
    if (end.kind === 'date' && start.kind === 'date') {
      if (end.day <= start.day) return times.problem('DTEND', 'is not after DTSTART');
      return nominal(end.day - start.day, 0, 'DTEND');
    }
    if (times.wallClockEnd && end.kind === 'wall' && end.zone === zone && end.wallMs > startWall && end.wallMs - startWall <= milliInDay) {
      return { endTime: formatLocalTime(end.wallMs - Math.floor(end.wallMs / milliInDay) * milliInDay) };
    }
    const ms = times.instant(end, zone) - wallToInstant(zone, startWall);
    if (ms < 0) return times.problem('DTEND', 'is before DTSTART');
    return exact(ms, times, 'DTEND');
  }
  if (duration !== undefined) {
    const parsed = parseIcalDuration(duration.value);
    if (typeof parsed === 'string') return times.problem('DURATION', `${JSON.stringify(duration.value.slice(0, 40))} ${parsed}`);
    return nominal(parsed.days, parsed.exactMs, 'DURATION');
  }
  return start.kind === 'date' ? nominal(1, 0, 'DTSTART') : { duration: 'PT0S' };
}

function exact(ms: number, times: EventTimes, property: string): Length | undefined {
  if (ms > 366 * milliInDay) return times.problem(property, 'makes the event longer than 366 days, the longest block a series describes');
  return { duration: exactIsoDuration(ms) };
}

function nominalLength(days: number, exactMs: number, startWall: number, zone: string, times: EventTimes, once: boolean, property: string): Length | undefined {
  if (days === 0) return exact(exactMs, times, property);
  if (days === 1 && exactMs === 0) return { endTime: formatLocalTime(startWall - Math.floor(startWall / milliInDay) * milliInDay) };
  if (days > 366) return times.problem(property, 'makes the event longer than 366 days, the longest block a series describes');
  const [from, to] = times.span();
  const { min, max } = offsetRange(zone, from, to + days * milliInDay);
  if (min === max) return exact(days * milliInDay + exactMs, times, property);
  if (once) return exact(wallToInstant(zone, startWall + days * milliInDay) + exactMs - wallToInstant(zone, startWall), times, property);
  return times.problem(
    property,
    `a length of ${days} days in ${zone} lasts 23, 24 or 25 hours a day across DST changes, which a recurring series cannot keep (its length is exact, or a wall end within a day)`,
  );
}
