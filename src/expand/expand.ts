import { showId, showValue } from '../show-value.js';
import { ExpansionLimitError, InvalidArgumentError, NonexistentTimeError } from '../errors.js';
import type { Series } from '../series/types.js';
import { checkOptionKeys } from '../option-keys.js';
import { formatLocalDate, formatLocalTime } from '../time/local-format.js';
import { maxOffsetMs, milliInDay } from '../time/units.js';
import { BlockBuilder } from './block-builder.js';
import { compareBlocks } from './block-order.js';
import { type CompiledSeries, compileSeries } from './compiled-series.js';
import { toEpochMs } from './instant.js';
import { RuleCursor } from '../rule/rule-cursor.js';
import type { Block, ExpandOptions } from './types.js';

export const defaultLimit = 100_000;

/**
 * Expands a series into the blocks that overlap the half-open window `[from, to)`.
 *
 * Blocks come sorted by (start, end, seriesId, key). A series that never ends needs `to`;
 * one that ends may omit the window. Expansion seeks straight to the window, so its cost
 * grows with the window, not with the series' age (except for `count` rules, which must
 * count from the start).
 *
 * @param series - a series made by `defineSeries` (a plain object, such as one read back from JSON, is validated by it first)
 * @param options - `from` (inclusive) and `to` (exclusive) as epoch ms, `Date` or ISO 8601
 *   instants with an offset; `limit` (default 100 000)
 * @returns the blocks, sorted
 * @throws {InvalidArgumentError} for a bad window or limit, an unknown option key (e.g. `start` for `from`), or a never-ending series without `to`; or (field `series`) when `series` is not an object
 * @throws {SeriesValidationError} when `series` did not come from `defineSeries` and is not a valid series (it is validated as input)
 * @throws {ExpansionLimitError} when more than `limit` blocks overlap the window
 * @throws {NonexistentTimeError} with `dst.nonexistent: 'error'`, for an occurrence in the window that starts in a gap
 *
 * @example
 * const standup = defineSeries({ id: 'standup', timezone: 'Europe/Berlin', start: '2025-03-28',
 *   startTime: '09:30', endTime: '10:00', repeat: { freq: 'daily', count: 3 } });
 * expand(standup).map((block) => block.key);
 * //=> ['2025-03-28T09:30', '2025-03-29T09:30', '2025-03-30T09:30']
 */
export function expand(series: Series, options: ExpandOptions = {}): Block[] {
  const compiled = compileSeries(series);
  const { from, to, limit } = readOptions(compiled, options);
  const builder = new BlockBuilder(compiled);
  const blocks: Block[] = [];
  // Under `dst.nonexistent: 'error'`, the error names the first such block in block order.
  let firstInGap: Block | undefined;
  const keep = (block: Block | undefined): void => {
    if (block === undefined || block.start >= to || block.end <= from) return;
    if (builder.startInGap) {
      if (firstInGap === undefined || compareBlocks(block, firstInGap) < 0) firstInGap = block;
      return;
    }
    if (blocks.length === limit) throw new ExpansionLimitError(series.id, limit);
    blocks.push(block);
  };
  const finish = (): Block[] => {
    if (firstInGap !== undefined) throw new NonexistentTimeError(series.id, firstInGap.key, series.timezone);
    return sortIfNeeded(blocks);
  };

  const { firstWall, lastWall } = wallRange(compiled, from, to);
  const keys = new KeyFormatter();
  const walls = ruleWalls(compiled, firstWall);
  const { excludedDays, skippedWalls } = compiled;
  const checkSkipped = excludedDays.size > 0 || skippedWalls.size > 0;
  for (let wall = walls.next(); wall <= lastWall; wall = walls.next()) {
    if (wall < firstWall || (checkSkipped && isSkipped(compiled, wall))) continue;
    keep(builder.build(wall, keys.key(wall)));
  }

  if (compiled.extras.length === 0) return finish();
  const ruleBlockCount = blocks.length;
  const seen = new Set<string>();
  for (let i = 0; i < ruleBlockCount; i++) seen.add(blocks[i]!.key);
  for (const { wallMs, key, end } of compiled.extras) {
    if (seen.has(key)) continue; // an include equal to a rule occurrence: one block
    keep(builder.build(wallMs, key, end));
  }
  return finish();
}

interface Window {
  from: number;
  to: number;
  limit: number;
}

function readOptions(compiled: CompiledSeries, options: ExpandOptions): Window {
  checkOptionKeys(options, 'expand', ['from', 'to', 'limit']);
  const from = options.from === undefined ? -Infinity : toEpochMs(options.from, 'from');
  const to = options.to === undefined ? Infinity : toEpochMs(options.to, 'to');
  if (to === Infinity && !compiled.finite) {
    throw new InvalidArgumentError('to', `series ${showId(compiled.series.id)} never ends, so the window needs an end`);
  }
  if (to <= from) throw new InvalidArgumentError('to', 'must be after from');
  const limit = options.limit ?? defaultLimit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
    throw new InvalidArgumentError('limit', `${showValue(limit)} is not a positive integer`);
  }
  return { from, to, limit };
}

/**
 * Wall times whose occurrences can overlap [from, to): a block starts within a zone
 * offset of its wall time and lasts at most its wall length plus a DST change.
 */
export function wallRange(compiled: CompiledSeries, from: number, to: number): { firstWall: number; lastWall: number } {
  const slack = maxOffsetMs + milliInDay;
  return {
    firstWall: from === -Infinity ? -Infinity : from - compiled.wallLengthMs - slack,
    lastWall: to === Infinity ? Infinity : to + slack,
  };
}

/** The rule's occurrence walls from about `seekWall` on (the single start when there is no rule). */
export function ruleWalls(compiled: CompiledSeries, seekWall: number): { next(): number } {
  if (compiled.rule !== undefined) return new RuleCursor(compiled.rule, seekWall);
  let done = false;
  return {
    next: () => {
      if (done) return NaN;
      done = true;
      return compiled.startWall;
    },
  };
}

/** Whether a rule occurrence is excluded (its date or itself), cancelled or moved. */
export function isSkipped(compiled: CompiledSeries, wall: number): boolean {
  return compiled.skippedWalls.has(wall) || compiled.excludedDays.has(Math.floor(wall / milliInDay));
}

/** Occurrence keys (`YYYY-MM-DDTHH:mm[:ss]`), formatting each date and time of day once. */
export class KeyFormatter {
  #day = NaN;
  #date = '';
  readonly #times = new Map<number, string>();

  key(wall: number): string {
    const day = Math.floor(wall / milliInDay);
    if (day !== this.#day) {
      this.#day = day;
      this.#date = formatLocalDate(day);
    }
    const time = wall - day * milliInDay;
    let suffix = this.#times.get(time);
    if (suffix === undefined) this.#times.set(time, (suffix = 'T' + formatLocalTime(time)));
    return this.#date + suffix;
  }
}

function sortIfNeeded(blocks: Block[]): Block[] {
  for (let i = 1; i < blocks.length; i++) {
    if (compareBlocks(blocks[i - 1]!, blocks[i]!) > 0) return blocks.sort(compareBlocks);
  }
  return blocks;
}
