import { civilToEpochDays } from '../time/civil.js';
import { formatOffset } from '../time/local-format.js';
import { milliInDay } from '../time/units.js';
import { getZone } from '../time/zone.js';
import { icalLocal } from './ical-values.js';

/** `+HHMM` (or `+HHMMSS`) as TZOFFSETFROM/TO want it. */
function icalOffset(offsetMs: number): string {
  return formatOffset(offsetMs).replaceAll(':', '');
}

/**
 * A VTIMEZONE for `timezone` over UTC years [fromYear, toYear], built from the same
 * transition table the core resolves offsets with. Observances are dated: one STANDARD and
 * one DAYLIGHT component per (offset from, offset to) pair, with an RDATE line for each
 * further transition, plus the offset in force at the start of the range.
 */
export function vtimezoneLines(timezone: string, fromYear: number, toYear: number): string[] {
  const table = getZone(timezone).table!;
  const from = civilToEpochDays(fromYear, 1, 1) * milliInDay;
  const to = civilToEpochDays(toYear + 1, 1, 1) * milliInDay;
  table.cover(from, to);
  const first = table.segmentIndexAt(from);
  const groups = new Map<string, { kind: 'STANDARD' | 'DAYLIGHT'; before: number; after: number; onsets: number[] }>();
  // The offset in force when the range begins, as an observance that starts there.
  const initial = table.offsets[first]!;
  groups.set(`${initial}>${initial}`, { kind: 'STANDARD', before: initial, after: initial, onsets: [from + initial] });
  for (let i = first + 1; i < table.starts.length && table.starts[i]! < to; i++) {
    const before = table.offsets[i - 1]!;
    const after = table.offsets[i]!;
    const key = `${before}>${after}`;
    // Local onset, in the offset in force before the transition (RFC 5545 §3.6.5).
    const onset = table.starts[i]! + before;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { kind: after > before ? 'DAYLIGHT' : 'STANDARD', before, after, onsets: [onset] });
    else group.onsets.push(onset);
  }
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timezone}`];
  for (const { kind, before, after, onsets } of groups.values()) {
    lines.push(`BEGIN:${kind}`, `DTSTART:${icalLocal(onsets[0]!)}`);
    // One RDATE per onset: ical.js (and other readers) take only the first value of a list.
    for (const onset of onsets.slice(1)) lines.push(`RDATE:${icalLocal(onset)}`);
    lines.push(`TZOFFSETFROM:${icalOffset(before)}`, `TZOFFSETTO:${icalOffset(after)}`, `END:${kind}`);
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
