import { milliInDay } from './units.js';
import { getZone } from './zone.js';

/**
 * The offset of `timezone` at `fromMs` and every change of it in `(fromMs, toMs]`, as
 * [instant, offset after] pairs: what a VTIMEZONE would have to say to agree with it.
 */
export function offsetChanges(timezone: string, fromMs: number, toMs: number): { initial: number; changes: Array<[number, number]> } {
  const zone = getZone(timezone);
  if (zone.fixedOffset !== undefined) return { initial: zone.fixedOffset, changes: [] };
  const table = zone.table!;
  table.cover(fromMs - milliInDay, toMs + milliInDay);
  const first = table.segmentIndexAt(fromMs);
  const initial = table.offsets[first]!;
  const changes: Array<[number, number]> = [];
  let offset = initial;
  for (let i = first + 1; i < table.starts.length && table.starts[i]! <= toMs; i++) {
    if (table.offsets[i] !== offset) changes.push([table.starts[i]!, (offset = table.offsets[i]!)]);
  }
  return { initial, changes };
}
