import type { Series } from '../series/types.js';
import { WallClock, type WallResolution } from '../time/wall-clock.js';
import type { CompiledSeries, ExtraEnd } from './compiled-series.js';
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
  /** Resolves starts; its exact range says which wall times need no call at all (see `addRuleBlocks`). */
  readonly startClock: WallClock;
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
    this.startClock = new WallClock(compiled.zone);
    this.#endClock = new WallClock(compiled.zone);
  }

  /**
   * The block starting at local `wallStart` with `key`; undefined when `skip` drops it, or
   * when its length is zero (`PT0S`: an event that occupies no time has no block).
   * `end` overrides the series' length (a moved occurrence's own end time or duration).
   */
  build(wallStart: number, key: string, end?: ExtraEnd): Block | undefined {
    if ((end === undefined ? this.#durationMs : 'durationMs' in end ? end.durationMs : undefined) === 0) return undefined;
    const start = this.startClock.resolve(wallStart, this.#ambiguous);
    const startResolution = this.startClock.resolution;
    this.startInGap = false;
    if (startResolution === 'shifted' && this.#nonexistent !== 'shift') {
      if (this.#nonexistent === 'skip') return undefined;
      this.startInGap = true;
    }
    if (end === undefined) {
      return this.#finish(key, start, startResolution, this.#durationMs, wallStart + this.#wallLengthMs, this.#wallLengthMs);
    }
    if ('durationMs' in end) return this.#finish(key, start, startResolution, end.durationMs, 0, end.durationMs);
    return this.#finish(key, start, startResolution, undefined, end.wallMs, end.wallMs - wallStart);
  }

  /** The end (exact duration, or a wall end resolved like an endTime and rebuilt if empty) and the block. */
  #finish(
    key: string,
    start: number,
    startResolution: WallResolution,
    durationMs: number | undefined,
    wallEnd: number,
    wallLengthMs: number,
  ): Block {
    let end: number;
    let endResolution: EndAdjustment | 'exact';
    if (durationMs !== undefined) {
      end = start + durationMs;
      endResolution = 'exact';
    } else {
      end = this.#endClock.resolve(wallEnd, this.#ambiguous);
      endResolution = this.#endClock.resolution;
      if (end <= start) {
        end = start + wallLengthMs;
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
