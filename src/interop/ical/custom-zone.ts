import { defineSeries } from '../../series/define.js';
import { expand } from '../../expand/expand.js';
import { formatLocalDate, formatLocalTime } from '../../time/local-format.js';
import { offsetAt } from '../../time/convert.js';
import { offsetChanges } from '../../time/offset-changes.js';
import { isKnownTimeZone } from '../../time/zone.js';
import { milliInDay, milliInSec } from '../../time/units.js';
import { parseIcalValue } from '../ical-values.js';
import { type Component, properties, property } from './components.js';
import { windowsZones } from './windows-zones.js';

/** A VTIMEZONE's offset over time: the offset before its first onset, then [instant, offset after] changes. */
interface CustomOffsets {
  readonly initial: number;
  readonly changes: ReadonlyArray<readonly [number, number]>;
}

const offsetPattern = /^([+-])(\d{2})(\d{2})(\d{2})?$/;

function parseOffset(text: string | undefined): number | undefined {
  const match = offsetPattern.exec(text?.trim() ?? '');
  if (match === null) return undefined;
  const ms = ((Number(match[2]) * 60 + Number(match[3])) * 60 + Number(match[4] ?? 0)) * milliInSec;
  return match[1] === '-' ? -ms : ms;
}

/**
 * The offsets a custom VTIMEZONE says over `[fromMs, toMs]`: each STANDARD/DAYLIGHT
 * observance's onsets (DTSTART, its RRULE — expanded by the core's own rule engine — and
 * RDATEs) as instants, read in the offset before them. Undefined when it cannot be read.
 */
function customOffsets(vtimezone: Component, fromMs: number, toMs: number): CustomOffsets | undefined {
  const onsets: Array<[number, number, number]> = []; // [instant, offset before, offset after]
  for (const observance of vtimezone.children) {
    if (observance.name !== 'STANDARD' && observance.name !== 'DAYLIGHT') continue;
    const before = parseOffset(property(observance, 'TZOFFSETFROM')?.value);
    const after = parseOffset(property(observance, 'TZOFFSETTO')?.value);
    const start = parseIcalValue(property(observance, 'DTSTART')?.value ?? '');
    if (before === undefined || after === undefined || start === undefined || start.form !== 'local') return undefined;
    const walls = [start.wallMs];
    const rule = property(observance, 'RRULE');
    if (rule !== undefined) {
      const day = Math.floor(start.wallMs / milliInDay);
      try {
        // The rule over wall times, in UTC so no zone moves them; one-second blocks mark onsets.
        const series = defineSeries({ id: 'onsets', timezone: 'UTC', start: formatLocalDate(day), startTime: formatLocalTime(start.wallMs - day * milliInDay), duration: 'PT1S', repeat: rule.value });
        for (const block of expand(series, { from: fromMs - 366 * milliInDay, to: toMs + milliInDay })) walls.push(block.start);
      } catch {
        return undefined;
      }
    }
    for (const line of properties(observance, 'RDATE')) {
      for (const text of line.value.split(',')) {
        const value = parseIcalValue(text);
        if (value?.form !== 'local') return undefined;
        walls.push(value.wallMs);
      }
    }
    for (const wall of walls) onsets.push([wall - before, before, after]);
  }
  if (onsets.length === 0) return undefined;
  onsets.sort((a, b) => a[0] - b[0]);
  let initial = onsets[0]![1];
  const changes: Array<[number, number]> = [];
  let offset = initial;
  for (const [at, , after] of onsets) {
    if (at <= fromMs) initial = offset = after;
    else if (at <= toMs && after !== offset) changes.push([at, (offset = after)]);
  }
  return { initial, changes };
}

/** Whether an IANA zone has exactly the custom zone's offsets over `[fromMs, toMs]`. */
function agrees(zone: string, custom: CustomOffsets, fromMs: number, toMs: number): boolean {
  // A cheap look at a few instants first: most of the ~400 zones differ at once.
  if (offsetAt(zone, fromMs) !== custom.initial) return false;
  if (custom.changes.slice(0, 2).some(([at, offset]) => offsetAt(zone, at) !== offset)) return false;
  const iana = offsetChanges(zone, fromMs, toMs);
  if (iana.initial !== custom.initial || iana.changes.length !== custom.changes.length) return false;
  return iana.changes.every(([at, offset], i) => custom.changes[i]![0] === at && custom.changes[i]![1] === offset);
}

let allZones: string[] | undefined;

/**
 * IANA zones in the order they are tried: zones whose city the TZID text names ("(UTC+01:00)
 * Amsterdam, Berlin…"), then the zones CLDR maps Windows names to, then the rest by name.
 * Several zones often agree over a span (Berlin, Paris, Rome since 1996): they give the same
 * instants, and this order picks the same one on every run.
 */
function candidates(tzid: string, custom: CustomOffsets, fixed: boolean): string[] {
  if (fixed) {
    const hours = custom.initial / 3_600_000;
    if (custom.initial === 0) return ['UTC'];
    // A fixed offset in whole hours is exactly an Etc/GMT zone (whose sign is inverted).
    if (Number.isInteger(hours) && Math.abs(hours) <= 14) return [`Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`];
  }
  allZones ??= Intl.supportedValuesOf('timeZone').filter(isKnownTimeZone).sort();
  const text = tzid.toLowerCase();
  const golden = new Set(Object.values(windowsZones));
  const rank = (zone: string) => {
    const city = zone.slice(zone.lastIndexOf('/') + 1).replaceAll('_', ' ').toLowerCase();
    return text.includes(city) ? 0 : golden.has(zone) ? 1 : 2;
  };
  return [...allZones].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether every observance of a VTIMEZONE has one and the same offset: a fixed-offset zone. */
function isFixed(vtimezone: Component): boolean {
  const offsets = new Set<string | undefined>();
  for (const observance of vtimezone.children) {
    offsets.add(property(observance, 'TZOFFSETFROM')?.value.trim());
    offsets.add(property(observance, 'TZOFFSETTO')?.value.trim());
  }
  return offsets.size === 1;
}

/**
 * The IANA zone whose transitions agree with a custom VTIMEZONE over the whole of
 * `[fromMs, toMs]` (the event's span), or undefined: a zone is never guessed.
 */
export function matchCustomZone(tzid: string, vtimezone: Component, fromMs: number, toMs: number): string | undefined {
  const custom = customOffsets(vtimezone, fromMs, toMs);
  if (custom === undefined) return undefined;
  for (const zone of candidates(tzid, custom, isFixed(vtimezone))) {
    if (agrees(zone, custom, fromMs, toMs)) return zone;
  }
  return undefined;
}
