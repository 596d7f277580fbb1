import { civilToEpochDays } from './civil.js';
import { milliInDay, milliInSec } from './units.js';

/**
 * A zone's UTC offsets as a table of constant-offset segments, read from Intl once per
 * zone and year and cached. Intl is the only source of tz rules here, and it is slow
 * (~1 µs a call), so it is asked rarely: offsets are sampled every `sampleStepMs`, and a
 * transition is located by bisection only where two samples differ.
 *
 * Blind spot: an offset change that is undone before the next sample is invisible.
 * tzdata 1900–2060 has no two transitions closer than 7 days (America/Boa_Vista,
 * October 2000), so a 5-day step sees them all; `test/time/zone-table.test.ts` pins it.
 */
const sampleStepMs = 5 * milliInDay;

/**
 * A range this many years or more away from the covered one starts the table afresh
 * instead of sampling every year in between: one far-off window (year 9999 after 2025)
 * must cost what its own years cost, not ~600 000 Intl calls. Resetting is safe: readers
 * cover what they need before they read, and a `WallClock` only trusts a remembered
 * segment after checking that it holds the instant.
 */
const maxFillYears = 20;

const intlPattern = /(\d+)\/(\d+)\/(\d+) (AD|BC), (\d+):(\d+):(\d+)/;

function createFormatter(timezone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

/** Offset (ms, whole seconds) of the zone at `epochMs`, asked of Intl. */
function intlOffsetAt(format: Intl.DateTimeFormat, epochMs: number): number {
  const parts = intlPattern.exec(format.format(epochMs));
  if (parts === null) throw new Error(`unexpected Intl output for ${format.resolvedOptions().timeZone}`);
  const era = parts[4];
  const year = era === 'BC' ? 1 - Number(parts[3]) : Number(parts[3]);
  const wallMs =
    civilToEpochDays(year, Number(parts[1]), Number(parts[2])) * milliInDay +
    ((Number(parts[5]) * 60 + Number(parts[6])) * 60 + Number(parts[7])) * milliInSec;
  return wallMs - Math.floor(epochMs / milliInSec) * milliInSec;
}

/** First instant of UTC year `year`. */
function yearStartMs(year: number): number {
  return civilToEpochDays(year, 1, 1) * milliInDay;
}

/** Offset segments of one zone over the years asked so far. */
export class ZoneTable {
  readonly #format: Intl.DateTimeFormat;
  /** Covered UTC years: [firstYear, endYear), and the same as instants. */
  #firstYear = 0;
  #endYear = 0;
  #coveredFrom = 0;
  #coveredTo = 0;
  /** `starts[i]` is where segment i begins; segment i lasts until `starts[i + 1]`. */
  starts: number[] = [];
  offsets: number[] = [];

  constructor(timezone: string) {
    this.#format = createFormatter(timezone);
  }

  /** Start of the covered range; segment 0 is only known to begin at or before it. */
  get coveredFrom(): number {
    return this.#coveredFrom;
  }

  /** End of the covered range; the last segment is only known to last until it. */
  get coveredTo(): number {
    return this.#coveredTo;
  }

  /** Make sure the table covers every instant in `[fromMs, toMs]`. */
  cover(fromMs: number, toMs: number): void {
    if (fromMs >= this.#coveredFrom && toMs < this.#coveredTo) return;
    const fromYear = new Date(fromMs).getUTCFullYear();
    const toYear = new Date(toMs).getUTCFullYear() + 1;
    if (fromYear >= this.#endYear + maxFillYears || toYear <= this.#firstYear - maxFillYears) this.starts = [];
    if (this.starts.length === 0) {
      this.#firstYear = fromYear;
      this.#endYear = fromYear;
      this.starts = [yearStartMs(fromYear)];
      this.offsets = [intlOffsetAt(this.#format, yearStartMs(fromYear))];
    }
    if (fromYear < this.#firstYear) this.#prepend(fromYear);
    if (toYear > this.#endYear) this.#append(toYear);
    this.#coveredFrom = yearStartMs(this.#firstYear);
    this.#coveredTo = yearStartMs(this.#endYear);
  }

  /** Index of the segment holding `epochMs`, which must be covered. */
  segmentIndexAt(epochMs: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= epochMs) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset at a covered instant. */
  offsetAt(epochMs: number): number {
    return this.offsets[this.segmentIndexAt(epochMs)]!;
  }

  #append(toYear: number): void {
    const from = yearStartMs(this.#endYear);
    const to = yearStartMs(toYear);
    let offset = this.offsets[this.offsets.length - 1]!;
    for (const [at, after] of this.#transitions(from, to, offset)) {
      this.starts.push(at);
      this.offsets.push(after);
      offset = after;
    }
    this.#endYear = toYear;
  }

  #prepend(fromYear: number): void {
    const from = yearStartMs(fromYear);
    const to = yearStartMs(this.#firstYear);
    const offset = intlOffsetAt(this.#format, from);
    const found = this.#transitions(from, to, offset);
    const starts = [from, ...found.map(([at]) => at)];
    const offsets = [offset, ...found.map(([, after]) => after)];
    // The old first segment began at `to` only nominally; drop it if nothing changed there.
    const lastOffset = offsets[offsets.length - 1];
    if (lastOffset === this.offsets[0]) {
      this.starts = starts.concat(this.starts.slice(1));
      this.offsets = offsets.concat(this.offsets.slice(1));
    } else {
      this.starts = starts.concat(this.starts);
      this.offsets = offsets.concat(this.offsets);
    }
    this.#firstYear = fromYear;
  }

  /** Transitions in `(from, to]` as [instant, offset after], given the offset at `from`. */
  #transitions(from: number, to: number, offsetAtFrom: number): Array<[number, number]> {
    const found: Array<[number, number]> = [];
    let lo = from;
    let loOffset = offsetAtFrom;
    while (lo < to) {
      const hi = Math.min(lo + sampleStepMs, to);
      const hiOffset = intlOffsetAt(this.#format, hi);
      if (hiOffset === loOffset) {
        lo = hi;
        continue;
      }
      // Bisect on whole seconds for the first instant whose offset differs from loOffset.
      let a = lo;
      let b = hi;
      while (b - a > milliInSec) {
        const mid = a + Math.max(1, Math.floor((b - a) / 2 / milliInSec)) * milliInSec;
        if (intlOffsetAt(this.#format, mid) === loOffset) a = mid;
        else b = mid;
      }
      const after = intlOffsetAt(this.#format, b);
      found.push([b, after]);
      lo = b;
      loOffset = after;
    }
    return found;
  }
}
