import { showId, showValue } from '../show-value.js';
import { InvalidArgumentError } from '../errors.js';
import type { Series } from '../series/types.js';
import { checkOptionKeys } from '../option-keys.js';
import { BlockBuilder } from './block-builder.js';
import { BlockSink } from './block-sink.js';
import { type CompiledSeries, compileSeries } from './compiled-series.js';
import { toEpochMs } from './instant.js';
import { KeyFormatter } from './key-formatter.js';
import { keepShapes } from './keep-shapes.js';
import { addRuleBlocks } from './rule-blocks.js';
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
  const keys = new KeyFormatter();
  const sink = new BlockSink(series.id, from, to, limit);
  const cursor = addRuleBlocks(compiled, builder, keys, sink);
  const { extras } = compiled;
  if (extras.length > 0) {
    const ruleBlocks = sink.blocks;
    const seen = new Set<string>();
    for (let i = 0; i < ruleBlocks.length; i++) seen.add(ruleBlocks[i]!.key);
    for (const { wallMs, key, end } of extras) {
      if (seen.has(key)) continue; // an include equal to a rule occurrence: one block
      sink.keep(builder.build(wallMs, key, end), builder.startInGap);
    }
  }
  const blocks = sink.finish(series.timezone);
  keepShapes([builder, keys, sink, cursor ?? builder]);
  return blocks;
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
