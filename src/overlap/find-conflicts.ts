import { expand } from '../expand/expand.js';
import type { Block, InstantInput } from '../expand/types.js';
import type { Series } from '../series/types.js';
import { InvalidArgumentError } from '../errors.js';
import { findOverlaps } from './find-overlaps.js';

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
  /** Most blocks per series, as in `expand`. */
  limit?: number;
}

/**
 * Expands every series in the window and reports each pair of overlapping occurrences,
 * within one series (a 2-hour block every hour) and across series. Each conflict names
 * both blocks (so both series ids and keys) and the overlapping interval.
 *
 * @param seriesList - series made by `defineSeries`; ids must be unique
 * @param window - `{ from, to }`, as for `expand`
 * @throws {InvalidArgumentError} for duplicate series ids, or a bad window (from `expand`)
 *
 * @example
 * findConflicts([standup, review], { from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z' })
 *   .map(({ a, b }) => `${a.seriesId} ${a.key} × ${b.seriesId} ${b.key}`);
 * //=> ['standup 2025-03-03T09:30 × review 2025-03-03T09:45']
 */
export function findConflicts(
  seriesList: readonly Series[],
  window: { from?: InstantInput; to?: InstantInput },
  options: FindConflictsOptions = {},
): Conflict[] {
  if (!Array.isArray(seriesList)) throw new InvalidArgumentError('seriesList', 'expected an array of series');
  const resourceOf = new Map<string, string | number>();
  const blocks: Block[] = [];
  for (const series of seriesList) {
    if (resourceOf.has(series.id)) throw new InvalidArgumentError('seriesList', `series id "${series.id}" appears twice`);
    resourceOf.set(series.id, options.by === undefined ? '' : options.by(series));
    const expanded = expand(series, { from: window.from, to: window.to, limit: options.limit });
    for (const block of expanded) blocks.push(block);
  }
  return findOverlaps(blocks, { by: (block) => resourceOf.get(block.seriesId)! });
}
