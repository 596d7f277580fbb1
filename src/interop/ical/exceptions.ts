import { InvalidArgumentError, SeriesValidationError } from '../../errors.js';
import { splitSeries, type SeriesChanges } from '../../series/split-series.js';
import type { MoveOverride, Series } from '../../series/types.js';
import { formatLocalDate, formatLocalDateTime, formatLocalTime, parseLocalDateTime } from '../../time/local-format.js';
import { milliInDay } from '../../time/units.js';
import { type Component, property } from './components.js';
import { readLength } from './event-length.js';
import type { EventTimes } from './event-times.js';
import type { MasterEvent } from './read-event.js';
import { icalName } from './read-event.js';

/** A RECURRENCE-ID child, placed: the key of the instance it replaces, and whether it is "this and future". */
export interface Exception {
  readonly key: string;
  readonly event: Component;
  readonly thisAndFuture: boolean;
  readonly cancelled: boolean;
}

/** The key (nominal local start in the master's zone) each child replaces; problems for the unreadable ones. */
export function placeExceptions(children: readonly Component[], master: MasterEvent, times: EventTimes): Exception[] {
  const placed = new Map<string, Exception>();
  for (const event of children) {
    const line = property(event, 'RECURRENCE-ID')!;
    const time = times.read(line);
    if (time === undefined) continue;
    const key = time.kind === 'date' ? `${formatLocalDate(time.day)}T${master.input.startTime}` : formatLocalDateTime(times.wallIn(time, master.zone));
    if (placed.has(key)) {
      times.problem('RECURRENCE-ID', `${key} is replaced by two events; the first is kept`);
      continue;
    }
    if (!master.isOccurrence(key)) {
      times.problem('RECURRENCE-ID', `${key} is no instance of the event (its rule, DTSTART and RDATEs, less its EXDATEs); the exception is skipped`);
      continue;
    }
    const thisAndFuture = line.params.get('RANGE')?.toUpperCase() === 'THISANDFUTURE';
    const cancelled = property(event, 'STATUS')?.value.trim().toUpperCase() === 'CANCELLED';
    placed.set(key, { key, event, thisAndFuture, cancelled });
  }
  return [...placed.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * A single-instance exception as an override: a cancellation (`STATUS:CANCELLED`) or a
 * move to its own DTSTART (in the master's zone) with its own length; without DTEND or
 * DURATION it keeps the series' length. An instance an EXDATE removed stays removed.
 */
export function applyException(exception: Exception, master: MasterEvent, times: EventTimes): void {
  const overrides = master.input.overrides;
  if ('cancelled' in (overrides[exception.key] ?? {})) return;
  if (exception.cancelled) {
    overrides[exception.key] = { cancelled: true };
    return;
  }
  const move = readMove(exception, master, times);
  if (move !== undefined) overrides[exception.key] = move;
}

function readMove(exception: Exception, master: MasterEvent, times: EventTimes): MoveOverride | undefined {
  const { event } = exception;
  const dtstart = property(event, 'DTSTART');
  if (dtstart === undefined) return times.problem('DTSTART', `the exception for ${exception.key} has no DTSTART; skipped`);
  const start = times.read(dtstart);
  if (start === undefined) return undefined;
  const wall = times.wallIn(start, master.zone);
  const day = Math.floor(wall / milliInDay);
  const move: { date: string; startTime: string; endTime?: string; duration?: string } = { date: formatLocalDate(day), startTime: formatLocalTime(wall - day * milliInDay) };
  if (property(event, 'DTEND') === undefined && property(event, 'DURATION') === undefined && start.kind !== 'date') return move;
  const length = readLength(event, start, wall, master.zone, times, true);
  return length === undefined ? undefined : { ...move, ...length };
}

/**
 * `RANGE=THISANDFUTURE`: the series is split at the instance (`splitSeries`), and the
 * later half takes the exception's time of day and length. A cancelled one ends the
 * series there. Undefined, with a problem, for a shift to another day, which a split
 * cannot carry.
 */
export function splitAt(series: Series, exception: Exception, master: MasterEvent, times: EventTimes): Series[] {
  const changes: { startTime?: string; endTime?: string; duration?: string } = {};
  if (!exception.cancelled) {
    const move = readMove(exception, master, times);
    if (move === undefined) return [series];
    const original = parseLocalDateTime(exception.key) as number;
    if (move.date !== formatLocalDate(Math.floor(original / milliInDay))) {
      times.problem('RECURRENCE-ID', `RANGE=THISANDFUTURE at ${exception.key} moves the instances to another day, which a split cannot express; skipped`);
      return [series];
    }
    if (move.startTime !== series.startTime) changes.startTime = move.startTime;
    if (move.endTime !== undefined) changes.endTime = move.endTime;
    if (move.duration !== undefined) changes.duration = move.duration;
  }
  try {
    const { before, after } = splitSeries(series, exception.key, changes as SeriesChanges);
    const halves = exception.cancelled ? [before] : [before, after];
    return halves.filter((half): half is Series => half !== undefined);
  } catch (error) {
    if (error instanceof SeriesValidationError) for (const issue of error.issues) times.problem(icalName(issue.path), issue.message);
    else if (error instanceof InvalidArgumentError) times.problem('RECURRENCE-ID', `RANGE=THISANDFUTURE at ${exception.key}: ${error.message}`);
    else throw error;
    return [series];
  }
}
