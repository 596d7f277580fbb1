import type { AmbiguousPolicy } from './dst-policy.js';
import { milliInDay } from './units.js';
import { candidateInstants, WallClock } from './wall-clock.js';
import { getZone, type Zone } from './zone.js';

/** UTC offset (ms) of `timezone` at an instant. */
export function offsetAt(timezone: string, epochMs: number): number {
  const zone = getZone(timezone);
  if (zone.fixedOffset !== undefined) return zone.fixedOffset;
  const table = zone.table!;
  table.cover(epochMs - milliInDay, epochMs + milliInDay);
  return table.offsetAt(epochMs);
}

/** The local wall-clock date-time of an instant, encoded as if it were UTC epoch ms. */
export function instantToWall(timezone: string, epochMs: number): number {
  return epochMs + offsetAt(timezone, epochMs);
}

/**
 * The instant of a local wall-clock date-time (encoded as UTC epoch ms). Wall times in a
 * gap move forward by the gap's length (RFC 5545); repeated ones take `ambiguous`.
 */
export function wallToInstant(timezone: string, wallMs: number, ambiguous: AmbiguousPolicy = 'earlier'): number {
  return new WallClock(getZone(timezone)).resolve(wallMs, ambiguous);
}

/** Every instant whose local wall time in `timezone` is `wallMs`: none in a gap, two in an overlap. */
export function wallToInstants(timezone: string, wallMs: number): number[] {
  const zone = getZone(timezone);
  if (zone.fixedOffset !== undefined) return [wallMs - zone.fixedOffset];
  return candidateInstants(zone.table!, wallMs);
}

/** The smallest and largest UTC offset (ms) of `timezone` at any instant in `[fromMs, toMs]`. */
export function offsetRange(timezone: string, fromMs: number, toMs: number): { min: number; max: number } {
  return zoneOffsetRange(getZone(timezone), fromMs, toMs);
}

/** `offsetRange` of a zone already looked up. */
export function zoneOffsetRange(zone: Zone, fromMs: number, toMs: number): { min: number; max: number } {
  if (zone.fixedOffset !== undefined) return { min: zone.fixedOffset, max: zone.fixedOffset };
  const table = zone.table!;
  table.cover(fromMs - milliInDay, toMs + milliInDay);
  let min = Infinity;
  let max = -Infinity;
  for (let i = table.segmentIndexAt(fromMs); i < table.offsets.length && (i === 0 || table.starts[i]! <= toMs); i++) {
    min = Math.min(min, table.offsets[i]!);
    max = Math.max(max, table.offsets[i]!);
  }
  return { min, max };
}
