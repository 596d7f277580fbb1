import { InvalidArgumentError } from '../errors.js';
import type { Series } from '../series/types.js';
import { wallToInstant } from '../time/convert.js';
import { parseLocalDate, parseLocalDateTime, parseLocalTime } from '../time/local-format.js';
import { milliInDay } from '../time/units.js';
import { type CompiledRule, compileRule, untilWallOf } from '../rule/compiled-rule.js';
import { RuleCursor, ruleProducesWall } from '../rule/rule-cursor.js';
import { explicitDays } from '../series/explicit-days.js';
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
 *
 * RFC 5545 always counts DTSTART as an occurrence; timeblocks counts the start only when
 * the rule selects it. So DTSTART is written at the rule's first occurrence, with the days
 * the rule took from the start written out; a rule that never occurs (it ends first) is
 * left out, and the first included start at `startTime` becomes DTSTART (or, with none,
 * DTSTART is excluded). Excluded dates become EXDATEs at the start time, cancelled occurrences
 * EXDATEs at their key; included starts that are excluded, or that the rule makes anyway,
 * are left out. `until` becomes the last second of that local day, in UTC, as RFC 5545
 * asks of a zoned DTSTART.
 *
 * @throws {InvalidArgumentError} for moved occurrences, which need a VEVENT of their own (`toICalendar`)
 */
export function recurrenceLines(series: Series, { allowMoves = false } = {}): string[] {
  const startDay = parseLocalDate(series.start) as number;
  const startMs = parseLocalTime(series.startTime) as number;
  const startWall = startDay * milliInDay + startMs;
  const compiled = series.repeat === undefined ? undefined : compileRule(series.repeat, startWall);
  const ruleFirstWall = compiled === undefined ? NaN : new RuleCursor(compiled).next();
  const rule = Number.isNaN(ruleFirstWall) ? undefined : series.repeat;

  const excludedDays = new Set<number>();
  const excludedWalls = new Set<number>();
  for (const text of series.exclude) {
    if (text.includes('T')) excludedWalls.add(parseLocalDateTime(text) as number);
    else excludedDays.add(parseLocalDate(text) as number);
  }
  const isRuleOccurrence = (wall: number) => (compiled === undefined ? wall === startWall : ruleProducesWall(compiled, wall));
  const rdates = series.include
    .map((text) => parseLocalDateTime(text) as number)
    .filter((wall) => !excludedDays.has(Math.floor(wall / milliInDay)) && !excludedWalls.has(wall) && !isRuleOccurrence(wall));
  // An excluded date or date-time the rule does not produce removes nothing; writing it
  // anyway would only trip readers (ical.js then misses the next EXDATE).
  const exdates = [...excludedWalls].filter(isRuleOccurrence);
  // A loop, not a spread: a secondly rule has 86 400 occurrences a day, near the engine's argument limit.
  for (const day of excludedDays) for (const wall of occurrencesOn(compiled, startWall, day)) exdates.push(wall);
  for (const [key, override] of Object.entries(series.overrides ?? {})) {
    if ('cancelled' in override) exdates.push(parseLocalDateTime(key) as number);
    else if (!allowMoves) {
      throw new InvalidArgumentError('series', `overrides.${key} moves an occurrence, which RRULE text cannot carry; use toICalendar`);
    }
  }

  let dtstart: number;
  if (rule !== undefined) dtstart = ruleFirstWall;
  else if (compiled === undefined) dtstart = startWall;
  else {
    // DTSTART's time of day becomes `startTime` when read back, and the nominal length is
    // measured from it: only an included start at that time can stand in for it.
    const atStartTime = rdates.findIndex((wall) => wall - Math.floor(wall / milliInDay) * milliInDay === startMs);
    if (atStartTime >= 0) dtstart = rdates.splice(atStartTime, 1)[0]!;
    else exdates.push((dtstart = startWall));
  }

  const lines = [zonedLine(series, 'DTSTART', [dtstart])];
  if (rule !== undefined) {
    // The days and times RFC 5545 takes from DTSTART are written out when DTSTART moves
    // to the first occurrence (the times agree anyway: a part left out is the start's).
    const parts = ruleParts(ruleFirstWall === startWall ? rule : { ...rule, ...explicitDays(rule, startDay) });
    if (rule.until !== undefined) {
      // The last second the until allows (a date: that day's last), in UTC as RFC 5545
      // asks of a zoned DTSTART.
      const afterUntil = untilWallOf(rule.until) + 1;
      const lastSecond = isUtcSeries(series) ? afterUntil - 1000 : wallToInstant(series.timezone, afterUntil, 'later') - 1000;
      parts.push(`UNTIL=${icalUtc(lastSecond)}`);
    }
    lines.push(`RRULE:${parts.join(';')}`);
  }
  if (exdates.length > 0) lines.push(zonedLine(series, 'EXDATE', [...new Set(exdates)].sort((a, b) => a - b)));
  if (rdates.length > 0) lines.push(zonedLine(series, 'RDATE', rdates));
  return lines;
}

/** The rule's occurrences on one local day (the start alone, without a rule). */
function occurrencesOn(rule: CompiledRule | undefined, startWall: number, day: number): number[] {
  if (rule === undefined) return Math.floor(startWall / milliInDay) === day ? [startWall] : [];
  const walls: number[] = [];
  const cursor = new RuleCursor(rule, day * milliInDay);
  for (let wall = cursor.next(); wall < (day + 1) * milliInDay; wall = cursor.next()) if (wall >= day * milliInDay) walls.push(wall);
  return walls;
}
