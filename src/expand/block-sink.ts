import { ExpansionLimitError, NonexistentTimeError } from '../errors.js';
import { compareBlocks } from './block-order.js';
import type { Block } from './types.js';

/**
 * Where `expand` puts blocks: it keeps those that overlap the window, enforces the limit,
 * and remembers the first block that starts in a gap under `dst.nonexistent: 'error'`.
 */
export class BlockSink {
  /** The blocks kept so far (none after `finish`, which hands them over). */
  blocks: Block[] = [];
  readonly #seriesId: string;
  readonly from: number;
  readonly to: number;
  readonly #limit: number;
  #firstInGap: Block | undefined;
  /** The block pushed last, and whether some block came before the one pushed before it. */
  #last: Block | undefined;
  #outOfOrder = false;

  constructor(seriesId: string, from: number, to: number, limit: number) {
    this.#seriesId = seriesId;
    this.from = from;
    this.to = to;
    this.#limit = limit;
  }

  /** Keeps `block` if it overlaps the window; one whose start is in a gap (under `error`) is only remembered. */
  keep(block: Block | undefined, startInGap: boolean): void {
    if (block === undefined || block.start >= this.to || block.end <= this.from) return;
    if (startInGap) {
      // The error names the first such block in block order.
      if (this.#firstInGap === undefined || compareBlocks(block, this.#firstInGap) < 0) this.#firstInGap = block;
      return;
    }
    this.push(block);
  }

  /** Adds a block known to overlap the window. */
  push(block: Block): void {
    if (this.blocks.length === this.#limit) throw new ExpansionLimitError(this.#seriesId, this.#limit);
    // Blocks mostly arrive in order: noting here the ones that do not spares `finish` a
    // second pass over every block.
    const last = this.#last;
    if (last !== undefined && !this.#outOfOrder) this.#outOfOrder = comesBefore(block, last);
    this.#last = block;
    this.blocks.push(block);
  }

  /** The blocks, sorted; throws `NonexistentTimeError` for a remembered block in a gap. */
  finish(timezone: string): Block[] {
    const blocks = this.blocks;
    this.blocks = [];
    if (this.#firstInGap !== undefined) throw new NonexistentTimeError(this.#seriesId, this.#firstInGap.key, timezone);
    this.#last = undefined;
    return this.#outOfOrder ? blocks.sort(compareBlocks) : blocks;
  }
}

/** Whether `a` sorts before `b`, both of one series: `compareBlocks` without the series id. */
function comesBefore(a: Block, b: Block): boolean {
  return a.start < b.start || (a.start === b.start && (a.end < b.end || (a.end === b.end && a.key < b.key)));
}
