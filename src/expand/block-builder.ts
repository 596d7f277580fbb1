import type { Series } from '../series/types.js';
import { WallClock } from '../time/wall-clock.js';
import type { CompiledSeries } from './compiled-series.js';
import type { Adjusted, Block, EndAdjustment, StartAdjustment } from './types.js';

/**
 * Turns an occurrence's nominal wall start into a block, applying the DST semantics:
 * the start follows `dst`, the end is the wall end time (gaps shift, overlaps follow
 * `dst.ambiguous`) or start + duration, and a block that would not end after it starts is
 * rebuilt with its nominal wall-clock length.
 */
export class BlockBuilder {
  readonly #seriesId: string;
  readonly #nonexistent: Series['dst']['nonexistent'];
  readonly #ambiguous: Series['dst']['ambiguous'];
  readonly #durationMs: number | undefined;
  readonly #wallLengthMs: number;
  readonly #startClock: WallClock;
  readonly #endClock: WallClock;
  /** Set by `build` when the start fell in a gap and `dst.nonexistent` is `error`. */
  startInGap = false;

  constructor(compiled: CompiledSeries) {
    const { series } = compiled;
    this.#seriesId = series.id;
    this.#nonexistent = series.dst.nonexistent;
    this.#ambiguous = series.dst.ambiguous;
    this.#durationMs = compiled.durationMs;
    this.#wallLengthMs = compiled.wallLengthMs;
    this.#startClock = new WallClock(compiled.zone);
    this.#endClock = new WallClock(compiled.zone);
  }

  /** The block starting at local `wallStart` with `key`; undefined when `skip` drops it. */
  build(wallStart: number, key: string): Block | undefined {
    const start = this.#startClock.resolve(wallStart, this.#ambiguous);
    const startResolution = this.#startClock.resolution;
    this.startInGap = false;
    if (startResolution === 'shifted' && this.#nonexistent !== 'shift') {
      if (this.#nonexistent === 'skip') return undefined;
      this.startInGap = true;
    }
    let end: number;
    let endResolution: EndAdjustment | 'exact';
    if (this.#durationMs !== undefined) {
      end = start + this.#durationMs;
      endResolution = 'exact';
    } else {
      end = this.#endClock.resolve(wallStart + this.#wallLengthMs, this.#ambiguous);
      endResolution = this.#endClock.resolution;
      if (end <= start) {
        end = start + this.#wallLengthMs;
        endResolution = 'rebuilt';
      }
    }
    if (startResolution === 'exact' && endResolution === 'exact') {
      return { seriesId: this.#seriesId, key, start, end };
    }
    const adjusted: { start?: StartAdjustment; end?: EndAdjustment } = {};
    if (startResolution !== 'exact') adjusted.start = startResolution;
    if (endResolution !== 'exact') adjusted.end = endResolution;
    return { seriesId: this.#seriesId, key, start, end, adjusted: adjusted as Adjusted };
  }
}
