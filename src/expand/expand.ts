import { showId, showValue } from '../show-value.js';
import { ExpansionLimitError, InvalidArgumentError, NonexistentTimeError } from '../errors.js';
import type { Series } from '../series/types.js';
import { checkOptionKeys } from '../option-keys.js';
import { formatLocalDate } from '../time/local-format.js';
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

  const rule = compiled.rule;
  const { startMs, keyTimeSuffix, skippedDays } = compiled;
  const { firstDay, lastDay } = dayRange(compiled, from, to);
  if (rule === undefined) {
    if (!skippedDays.has(compiled.startDay)) {
      keep(builder.build(compiled.startDay * milliInDay + startMs, formatLocalDate(compiled.startDay) + keyTimeSuffix));
    }
  } else {
    const cursor = new RuleCursor(rule, firstDay);
    const checkSkipped = skippedDays.size > 0;
    for (let day = cursor.next(); day <= lastDay; day = cursor.next()) {
      if (day < firstDay || (checkSkipped && skippedDays.has(day))) continue;
      keep(builder.build(day * milliInDay + startMs, formatLocalDate(day) + keyTimeSuffix));
    }
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
 * Local days whose occurrences can overlap [from, to): a block starts within a zone
 * offset of its wall time and lasts at most its wall length plus a DST change.
 */
export function dayRange(compiled: CompiledSeries, from: number, to: number): { firstDay: number; lastDay: number } {
  const slack = maxOffsetMs + milliInDay;
  return {
    firstDay: from === -Infinity ? -Infinity : Math.floor((from - compiled.startMs - compiled.wallLengthMs - slack) / milliInDay),
    lastDay: to === Infinity ? Infinity : Math.floor((to - compiled.startMs + slack) / milliInDay),
  };
}

function sortIfNeeded(blocks: Block[]): Block[] {
  for (let i = 1; i < blocks.length; i++) {
    if (compareBlocks(blocks[i - 1]!, blocks[i]!) > 0) return blocks.sort(compareBlocks);
  }
  return blocks;
}
