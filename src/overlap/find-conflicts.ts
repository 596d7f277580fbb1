import { expand } from '../expand/expand.js';
import type { Block, InstantInput } from '../expand/types.js';
import type { Series } from '../series/types.js';
import { ExpansionLimitError, InvalidArgumentError } from '../errors.js';
import { limits } from '../limits.js';
import { checkOptionKeys } from '../option-keys.js';
import { requireSeries } from '../series/require-series.js';
import { overlapsOf, readPairLimit } from './find-overlaps.js';
import { showId } from '../show-value.js';

/** One clash: two occurrences (of one series or two) and the interval they share. */
export interface Conflict {
  readonly a: Block;
  readonly b: Block;
  readonly start: number;
  readonly end: number;
}

/** Options of `findConflicts`. */
export interface FindConflictsOptions {
  /**
   * The resource a series' blocks occupy; only blocks of the same resource conflict.
   * Default: every series competes for one resource.
   */
  by?: (series: Series) => string | number;
  /**
   * Most blocks per series (as in `expand`) and most conflicts; more of either is an
   * `ExpansionLimitError`, raised before the conflicts are built. Default 100 000.
   */
  limit?: number;
}

/**
 * Expands every series in the window and reports each pair of overlapping occurrences,
 * within one series (a 2-hour block every hour) and across series. Each conflict names
 * both blocks (so both series ids and keys) and the overlapping interval. As with
 * `expand`, the window may be omitted (or lack `to`) when every series ends.
 *
 * @param seriesList - series made by `defineSeries` (raw inputs are validated the same way); ids must be unique
 * @param window - `{ from?, to? }`, as for `expand`; optional when every series ends
 * @param options - `by`: a function giving each series' resource; `limit`: most blocks per series and most conflicts (default 100 000)
 * @throws {InvalidArgumentError} for a non-array list or a non-object entry (field `seriesList[i]`), duplicate series ids,
 *   a bad window (`window`, `from`, `to`, or `to` when a series never ends), an unknown option or window key,
 *   or a `by` that is not a function or gives no string or number (field `by`)
 * @throws {SeriesValidationError} when an entry is raw input that is not a valid series (paths `seriesList[i].…`)
 * @throws {ExpansionLimitError} when a series has more than `limit` blocks in the window, all of them together more than
 *   `limits.conflictBlocks` (1 000 000), or there are more than `limit` conflicts
 *
 * @example
 * findConflicts([standup, review], { from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z' })
 *   .map(({ a, b }) => `${a.seriesId} ${a.key} × ${b.seriesId} ${b.key}`);
 * //=> ['standup 2025-03-03T09:30 × review 2025-03-03T09:45']
 */
export function findConflicts(
  seriesList: readonly Series[],
  window: { from?: InstantInput; to?: InstantInput } = {},
  options: FindConflictsOptions = {},
): Conflict[] {
  if (!Array.isArray(seriesList)) throw new InvalidArgumentError('seriesList', 'expected an array of series');
  checkOptionKeys(window, 'findConflicts (window)', ['from', 'to'], 'window');
  checkOptionKeys(options, 'findConflicts', ['by', 'limit']);
  const { by } = options;
  const limit = readPairLimit(options.limit);
  if (by !== undefined && typeof by !== 'function') throw new InvalidArgumentError('by', 'expected a function (series) => resource key');
  const resourceOf = new Map<string, string | number>();
  const blocks: Block[] = [];
  seriesList.forEach((entry, i) => {
    const series = requireSeries(entry, `seriesList[${i}]`);
    if (resourceOf.has(series.id)) throw new InvalidArgumentError('seriesList', `series id ${showId(series.id)} appears twice`);
    const resource = by === undefined ? '' : by(series);
    if (typeof resource !== 'string' && typeof resource !== 'number') {
      throw new InvalidArgumentError('by', `gave ${typeof resource} for seriesList[${i}]; expected a string or number`);
    }
    resourceOf.set(series.id, resource);
    const expanded = expand(series, { from: window.from, to: window.to, limit });
    if (blocks.length + expanded.length > limits.conflictBlocks) {
      throw new ExpansionLimitError('', limits.conflictBlocks, { subject: 'findConflicts', unit: 'blocks from all series together', hint: 'check fewer series at once', field: '' });
    }
    for (const block of expanded) blocks.push(block);
  });
  return overlapsOf(blocks, { by: (block) => resourceOf.get(block.seriesId)!, limit }, 'findConflicts');
}
