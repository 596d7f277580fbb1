import { InvalidArgumentError } from '../errors.js';
import type { Series } from '../series/types.js';
import { wallToInstant } from '../time/convert.js';
import { parseLocalDate, parseLocalDateTime, parseLocalTime } from '../time/local-format.js';
import { milliInDay } from '../time/units.js';
import { icalLocal, icalUtc, ruleParts } from './ical-values.js';

/** Whether a series is written with UTC (`Z`) values instead of `TZID=`. */
export function isUtcSeries(series: Series): boolean {
  return series.timezone === 'UTC';
}

/** A date-time property line in the series' zone: `NAME;TZID=Zone:local` or `NAME:utcZ`. */
export function zonedLine(series: Series, name: string, wallsMs: readonly number[]): string {
  if (isUtcSeries(series)) return `${name}:${wallsMs.map((wall) => `${icalLocal(wall)}Z`).join(',')}`;
  return `${name};TZID=${series.timezone}:${wallsMs.map(icalLocal).join(',')}`;
}

/**
 * The RFC 5545 lines that carry a series' recurrence: DTSTART, RRULE, EXDATE, RDATE.
 * Excluded dates become EXDATEs at the start time, cancelled occurrences EXDATEs at their
 * key; included starts on excluded dates are left out (they never occur). `until` becomes
 * the last second of that local day, in UTC, as RFC 5545 asks of a zoned DTSTART.
 *
 * @throws {InvalidArgumentError} for moved occurrences, which need a VEVENT of their own (`toICalendar`)
 */
export function recurrenceLines(series: Series, { allowMoves = false } = {}): string[] {
  const startDay = parseLocalDate(series.start) as number;
  const startMs = parseLocalTime(series.startTime) as number;
  const lines = [zonedLine(series, 'DTSTART', [startDay * milliInDay + startMs])];
  const rule = series.repeat;
  if (rule !== undefined) {
    const parts = ruleParts(rule);
    if (rule.until !== undefined) {
      const nextMidnight = ((parseLocalDate(rule.until) as number) + 1) * milliInDay;
      const lastSecond = isUtcSeries(series) ? nextMidnight - 1000 : wallToInstant(series.timezone, nextMidnight, 'later') - 1000;
      parts.push(`UNTIL=${icalUtc(lastSecond)}`);
    }
    lines.push(`RRULE:${parts.join(';')}`);
  }
  const excludedDays = new Set(series.exclude.map((date) => parseLocalDate(date) as number));
  const exdates = [...excludedDays].map((day) => day * milliInDay + startMs);
  for (const [key, override] of Object.entries(series.overrides ?? {})) {
    if ('cancelled' in override) exdates.push(parseLocalDateTime(key) as number);
    else if (!allowMoves) {
      throw new InvalidArgumentError('series', `overrides.${key} moves an occurrence, which RRULE text cannot carry; use toICalendar`);
    }
  }
  if (exdates.length > 0) lines.push(zonedLine(series, 'EXDATE', exdates.sort((a, b) => a - b)));
  const rdates = series.include
    .map((text) => parseLocalDateTime(text) as number)
    .filter((wall) => !excludedDays.has(Math.floor(wall / milliInDay)));
  if (rdates.length > 0) lines.push(zonedLine(series, 'RDATE', rdates));
  return lines;
}
