import type { AmbiguousPolicy } from './dst-policy.js';
import type { Zone } from './zone.js';
import type { ZoneTable } from './zone-table.js';
import { milliInDay } from './units.js';

/** How resolving a wall time went: as written, moved out of a gap, or one side of an overlap. */
export type WallResolution = 'exact' | 'shifted' | 'earlier' | 'later';

/**
 * Within this distance of a transition a wall time may have another candidate instant
 * (offsets differ by at most ~30 h), so only wall times farther away take the fast path.
 */
const fastPathMargin = 2 * milliInDay;

/**
 * Turns local wall times (encoded as if UTC epoch ms) into instants for one zone.
 * Remembers the last segment, so a run of nearby wall times costs a subtraction each;
 * only wall times near a transition look at the table (temporal-polyfill's two steps:
 * list the candidates, then pick one under the policy).
 */
export class WallClock {
  readonly #zone: Zone;
  #segmentStart = Infinity;
  #segmentEnd = -Infinity;
  #segmentOffset = 0;
  #segmentIndex = -1;
  /** What the last `resolve` call did. */
  resolution: WallResolution = 'exact';
  /**
   * Wall times in `[exactFrom, exactTo)` resolve exactly to `wall - offset` (the segment
   * remembered by the last `resolve`, away from its ends): a caller resolving many wall
   * times may test this range itself and skip the call.
   */
  exactFrom = Infinity;
  exactTo = -Infinity;
  offset = 0;

  constructor(zone: Zone) {
    this.#zone = zone;
    if (zone.fixedOffset !== undefined) {
      this.#segmentStart = -Infinity;
      this.#segmentEnd = Infinity;
      this.#segmentOffset = zone.fixedOffset;
      this.#rememberExactRange();
    }
  }

  #rememberExactRange(): void {
    this.offset = this.#segmentOffset;
    this.exactFrom = this.#segmentStart + fastPathMargin + this.#segmentOffset;
    this.exactTo = this.#segmentEnd - fastPathMargin + this.#segmentOffset;
  }

  /**
   * The instant of `wallMs`. A wall time in a gap moves forward by the gap's length (the
   * offset before the gap applies; `resolution` becomes `shifted`); one that happens twice
   * resolves per `ambiguous` (`resolution` says which side was taken).
   */
  resolve(wallMs: number, ambiguous: AmbiguousPolicy): number {
    const guess = wallMs - this.#segmentOffset;
    if (guess - this.#segmentStart >= fastPathMargin && this.#segmentEnd - guess > fastPathMargin) {
      this.resolution = 'exact';
      return guess;
    }
    return this.#resolveInNextSegment(wallMs) ?? this.#resolveNearTransition(wallMs, ambiguous);
  }

  /** Walking forward past a transition: the wall time is well inside the next segment. */
  #resolveInNextSegment(wallMs: number): number | undefined {
    const table = this.#zone.table;
    const next = this.#segmentIndex + 1;
    if (table === undefined || this.#segmentIndex < 0 || next + 1 >= table.starts.length) return undefined;
    const offset = table.offsets[next]!;
    const start = table.starts[next]!;
    const end = table.starts[next + 1]!;
    const guess = wallMs - offset;
    if (guess - start < fastPathMargin || end - guess <= fastPathMargin) return undefined;
    this.#segmentIndex = next;
    this.#segmentStart = start;
    this.#segmentEnd = end;
    this.#segmentOffset = offset;
    this.#rememberExactRange();
    this.resolution = 'exact';
    return guess;
  }

  #resolveNearTransition(wallMs: number, ambiguous: AmbiguousPolicy): number {
    const table = this.#zone.table!;
    const found = candidateInstants(table, wallMs);
    let instant: number;
    if (found.length === 2) {
      instant = ambiguous === 'earlier' ? found[0]! : found[1]!;
      this.resolution = ambiguous;
    } else if (found.length === 1) {
      instant = found[0]!;
      this.resolution = 'exact';
    } else {
      instant = wallMs - table.offsetAt(wallMs - milliInDay); // in a gap: keep the offset from before it, i.e. move forward
      this.resolution = 'shifted';
    }
    const index = table.segmentIndexAt(instant);
    this.#segmentIndex = index;
    this.#segmentStart = index === 0 ? table.coveredFrom : table.starts[index]!;
    this.#segmentEnd = index + 1 < table.starts.length ? table.starts[index + 1]! : table.coveredTo;
    this.#segmentOffset = table.offsets[index]!;
    this.#rememberExactRange();
    return instant;
  }
}

/**
 * The instants whose local wall time is `wallMs`, ascending: none in a gap, one, or two
 * when the wall time happens twice. Assumes at most one transition within a day of it.
 */
export function candidateInstants(table: ZoneTable, wallMs: number): number[] {
  table.cover(wallMs - 3 * milliInDay, wallMs + 3 * milliInDay);
  const before = table.offsetAt(wallMs - milliInDay);
  const after = table.offsetAt(wallMs + milliInDay);
  const early = table.offsetAt(wallMs - before) === before;
  const late = after !== before && table.offsetAt(wallMs - after) === after;
  // Literals of the exact length: this runs for every occurrence near a transition.
  if (early && late) return before > after ? [wallMs - before, wallMs - after] : [wallMs - after, wallMs - before];
  if (early) return [wallMs - before];
  return late ? [wallMs - after] : [];
}
