import { InvalidArgumentError, NonexistentTimeError } from '../errors.js';
import type { Series } from '../series/types.js';
import { checkOptionKeys } from '../option-keys.js';
import { maxOffsetMs, milliInDay } from '../time/units.js';
import { BlockBuilder } from './block-builder.js';
import { compareBlocks } from './block-order.js';
import { compileSeries } from './compiled-series.js';
import { KeyFormatter } from './key-formatter.js';
import { isSkipped, ruleWalls, wallRange } from './window-walls.js';
import { toEpochMs } from './instant.js';
import type { Block, OccurrencesOptions } from './types.js';

/**
 * The lazy, unbounded form of `expand`: yields the blocks that end after `from`.
 *
 * Blocks come in the same order as `expand` returns them, for as long as the caller pulls
 * (forever, for a series that never ends), with the same DST semantics. There is no
 * `limit`: the caller decides when to stop. Being a generator, it throws when pulled, not
 * when called.
 *
 * @param series - a series made by `defineSeries` (a plain object, such as one read back from JSON, is validated by it first)
 * @param options - `from` as epoch ms, `Date` or an ISO 8601 instant with an offset; absent: from the series' start
 * @returns a generator of blocks, sorted
 * @throws {InvalidArgumentError} for bad options, an unknown option key (e.g. `to`: it is the unbounded form), or a bad `from` (field `from`); or (field `series`) when `series` is not an object
 * @throws {SeriesValidationError} when `series` did not come from `defineSeries` and is not a valid series (it is validated as input)
 * @throws {NonexistentTimeError} with `dst.nonexistent: 'error'`, when the next block it would yield starts in a gap
 *
 * @example
 * const first = occurrences(standup, { from: '2025-03-29T00:00:00Z' }).next().value;
 * first.key; //=> '2025-03-29T09:30'
 */
export function* occurrences(series: Series, options: OccurrencesOptions = {}): Generator<Block, void, undefined> {
  checkOptionKeys(options, 'occurrences', ['from']);
  const from = options.from === undefined ? -Infinity : toEpochMs(options.from, 'from');
  const compiled = compileSeries(series);
  const builder = new BlockBuilder(compiled);
  const { extras } = compiled;
  const { firstWall } = wallRange(compiled, from, Infinity);
  const keys = new KeyFormatter();

  // Blocks wait in `pending` (sorted) until no later occurrence can start before them:
  // a block starts at least `maxOffsetMs` before its wall time, never earlier.
  const pending: Block[] = [];
  // A block whose start is in a gap under `error` throws when its turn comes, not before
  // the blocks that precede it have been yielded.
  const inGap = new WeakSet<Block>();
  const next = (): Block => {
    const block = pending.shift()!;
    if (inGap.has(block)) throw new NonexistentTimeError(series.id, block.key, series.timezone);
    return block;
  };
  const walls = ruleWalls(compiled, firstWall);
  let nextWall = walls.next();
  let extraIndex = 0;
  // An include equal to a rule occurrence comes right after it (same wall time, rule first).
  let lastRuleKey = '';

  for (;;) {
    const ruleWall = Number.isNaN(nextWall) ? Infinity : nextWall;
    const extraWall = extraIndex < extras.length ? extras[extraIndex]!.wallMs : Infinity;
    const watermark = Math.min(ruleWall, extraWall) - maxOffsetMs - milliInDay;
    while (pending.length > 0 && pending[0]!.start < watermark) yield next();
    if (ruleWall === Infinity && extraWall === Infinity) break;

    let block: Block | undefined;
    if (ruleWall <= extraWall) {
      nextWall = walls.next();
      if (ruleWall < firstWall || isSkipped(compiled, ruleWall)) continue;
      const key = keys.key(ruleWall);
      block = builder.build(ruleWall, key);
      lastRuleKey = key;
    } else {
      const { key, end } = extras[extraIndex++]!;
      if (key === lastRuleKey) continue;
      block = builder.build(extraWall, key, end);
    }
    if (block === undefined || block.end <= from) continue;
    if (builder.startInGap) inGap.add(block);
    insertSorted(pending, block);
  }
  while (pending.length > 0) yield next();
}

function insertSorted(blocks: Block[], block: Block): void {
  let i = blocks.length;
  while (i > 0 && compareBlocks(blocks[i - 1]!, block) > 0) i--;
  blocks.splice(i, 0, block);
}
