import { ExpansionLimitError, InvalidArgumentError } from '../../errors.js';
import { compareBlocks } from '../../expand/block-order.js';
import { defaultLimit, expand } from '../../expand/expand.js';
import { toEpochMs } from '../../expand/instant.js';
import type { Block, InstantInput } from '../../expand/types.js';
import { checkOptionKeys } from '../../option-keys.js';
import { requireSeries } from '../../series/require-series.js';
import type { Series } from '../../series/types.js';
import { type FromICalendarOptions, fromICalendar, fromICalendarOptionKeys } from './from-icalendar.js';

/** Options of `busyBlocks`: those of `fromICalendar` (for text), and which events count as busy. */
export interface BusyBlocksOptions extends FromICalendarOptions {
  /** `TRANSP:TRANSPARENT` events ("show as free"): left out (`'ignore'`, the default) or counted (`'include'`). */
  transparent?: 'ignore' | 'include';
  /** Most blocks returned before `ExpansionLimitError`. Default 100 000. */
  limit?: number;
}

/** The busy window: `[from, to)`, both required (calendars hold events that never end). */
export interface BusyWindow {
  from: InstantInput;
  to: InstantInput;
}

/**
 * The blocks a calendar keeps busy in `[from, to)`, ready for `freeSlots`'s `busy`: every
 * event's instances, less cancelled events (`STATUS:CANCELLED`, in `meta.status`) and,
 * by default, transparent ones (`meta.transparency`). Takes calendar text (read with
 * `fromICalendar`, whose problems are left out unless `strict`) or series already read.
 *
 * @param calendar - iCalendar text, or series (from `fromICalendar` or `defineSeries`)
 * @param window - `from` (inclusive) and `to` (exclusive) instants
 * @param options - `transparent`, `limit`, and for text `timezone` and `strict`
 * @returns the blocks, sorted as `expand` sorts them
 * @throws {InvalidArgumentError} for a bad window, option or text (see `fromICalendar`)
 * @throws {SeriesValidationError} with `strict: true` when the text has problems, or for an invalid series
 * @throws {ExpansionLimitError} when more than `limit` blocks fall in the window
 *
 * @example
 * const busy = busyBlocks(outlookExport, { from: '2025-03-03T00:00:00Z', to: '2025-03-10T00:00:00Z' });
 * busy.map((block) => block.key);
 * //=> ['2025-03-04T09:00', '2025-03-06T09:00']
 * freeSlots({ availability, busy, window, duration: 'PT30M' });
 */
export function busyBlocks(calendar: string | readonly Series[], window: BusyWindow, options: BusyBlocksOptions = {}): Block[] {
  checkOptionKeys(options, 'busyBlocks', [...fromICalendarOptionKeys, 'transparent', 'limit']);
  checkOptionKeys(window, 'busyBlocks (window)', ['from', 'to'], 'window');
  if (window.from === undefined || window.to === undefined) throw new InvalidArgumentError(window.from === undefined ? 'from' : 'to', 'is required: calendars hold events that never end');
  const from = toEpochMs(window.from, 'from');
  const to = toEpochMs(window.to, 'to');
  const transparent = options.transparent ?? 'ignore';
  if (transparent !== 'ignore' && transparent !== 'include') throw new InvalidArgumentError('transparent', "expected 'ignore' or 'include'");
  const limit = options.limit ?? defaultLimit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) throw new InvalidArgumentError('limit', 'expected a positive integer');

  let series: readonly Series[];
  if (typeof calendar === 'string') {
    const { transparent: _transparent, limit: _limit, ...readOptions } = options;
    series = fromICalendar(calendar, readOptions).series;
  } else if (Array.isArray(calendar)) series = calendar.map((item, i) => requireSeries(item, `calendar[${i}]`));
  else throw new InvalidArgumentError('calendar', 'expected iCalendar text or an array of series');

  const blocks: Block[] = [];
  for (const item of series) {
    const meta = item.meta ?? {};
    if (meta.status === 'cancelled') continue;
    if (meta.transparency === 'transparent' && transparent === 'ignore') continue;
    for (const block of expand(item, { from, to, limit })) {
      if (blocks.length === limit) throw new ExpansionLimitError('', limit, { subject: 'busyBlocks' });
      blocks.push(block);
    }
  }
  return blocks.sort(compareBlocks);
}
