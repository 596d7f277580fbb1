import { occurrences } from '../../expand/occurrences.js';
import type { Series } from '../../series/types.js';
import { CliError } from '../cli-error.js';
import { palette } from '../color.js';
import type { CliIo } from '../io.js';
import { calendarModel } from './calendar-model.js';
import { formatHtmlPage } from './html-page.js';
import { formatMonthView } from './month.js';
import { dayStart, localDay, maxPeriods, spanCovering, spanWindow, type ViewKind } from './period.js';
import { minWidth } from './text-common.js';
import { computeView, type ViewSource } from './view-data.js';
import { formatWeekView } from './week.js';

/** The `--view` flag, shared by preview, check and slots. */
export const viewFlag = { view: { type: 'string' } } as const;

/** The help lines of `--view` and `--format html`. */
export const viewUsage = `  --view <week|month>         draw a calendar of the window instead of the table: one row
                              per local day, a column per resource, DST notes and
                              conflicts marked (a whole week or month unless --to is given)
  --format html               the same calendar as one self-contained HTML page (default
                              --view week) that can step to the previous or next week
`;

/** `--view`'s value, or `week` for an HTML page without one; undefined when no calendar is asked for. */
export function viewKind(view: string | undefined, format: string): ViewKind | undefined {
  if (view !== undefined && view !== 'week' && view !== 'month') throw new CliError(`--view: "${view}" is not one of week, month`);
  if (view !== undefined && format !== 'table' && format !== 'html') throw new CliError(`--view: does not apply to --format ${format} (use table or html)`);
  return format === 'html' ? ((view as ViewKind | undefined) ?? 'week') : (view as ViewKind | undefined);
}

/** What a command hands over to draw its calendar. */
export interface ViewRequest {
  readonly kind: ViewKind;
  readonly format: 'table' | 'html';
  readonly zone: string;
  /** The window as the user gave it, already instants; either end may be missing. */
  readonly from: number | undefined;
  readonly to: number | undefined;
  /** Where the calendar opens when there is no `from`: the first block's day. */
  readonly anchorSeries: readonly Series[];
  readonly source: ViewSource;
  readonly describe: readonly string[];
  readonly title: string;
  readonly limit?: number;
}

/** The first instant any of the series occupies, or undefined when none has an occurrence. */
function firstStart(series: readonly Series[]): number | undefined {
  let first: number | undefined;
  for (const one of series) {
    const next = occurrences(one).next();
    if (next.done !== true && (first === undefined || next.value.start < first)) first = next.value.start;
  }
  return first;
}

/**
 * Draws a command's calendar. The window is `[from, to)` when both are given, the days
 * drawn are the whole weeks or months holding it; without `to`, the whole week or month
 * holding `from` (or the first block, or the first series' start day). Returns the text
 * and how many conflicts it shows.
 */
export function renderView(io: CliIo, request: ViewRequest): { text: string; conflicts: number } {
  const { kind, zone } = request;
  const anchor = request.from ?? firstStart(request.anchorSeries) ?? dayStart(zone, localDay(zone, 0));
  if (request.from !== undefined && request.to !== undefined && request.to <= request.from) throw new CliError('--to: must be after --from');
  const span = spanCovering(kind, zone, anchor, request.from === undefined ? undefined : request.to);
  if (span.periods > maxPeriods[kind]) throw new CliError(`--view ${kind}: the window spans more than ${maxPeriods[kind]} ${kind}s; narrow --from/--to`);
  const window = request.to !== undefined && request.from !== undefined ? { from: request.from, to: request.to } : spanWindow(zone, span);
  const result = computeView(request.source, window, request.limit);
  const model = calendarModel(zone, span, result);
  const conflicts = result.conflicts?.length ?? 0;
  if (request.format === 'html') {
    return { text: formatHtmlPage(model, { zone, span, window, source: request.source, describe: request.describe }, result, request.title), conflicts };
  }
  const width = Math.max(minWidth, io.columns ?? minWidth);
  const colors = palette(io.color);
  return { text: kind === 'week' ? formatWeekView(model, width, colors) : formatMonthView(model, width, colors), conflicts };
}
