import { compareBlocks } from '../../expand/block-order.js';
import { expand } from '../../expand/expand.js';
import type { Block } from '../../expand/types.js';
import { findConflicts, type Conflict } from '../../overlap/find-conflicts.js';
import { blocksToJson, conflictsToJson, slotsToJson, type ResourceSlot } from '../block-json.js';
import { dstNote } from '../block-table.js';
import { availabilityResource, type BusySpec, type SeriesSpec, type SlotOptions, slotsByResource } from '../resource-slots.js';
import type { Span } from './period.js';

/**
 * What a calendar shows, as plain JSON: the HTML page embeds it and recomputes it in the
 * browser for another window, with the same core, so both give the same instants.
 */
export type ViewSource =
  | { readonly command: 'preview' | 'check'; readonly series: readonly SeriesSpec[]; readonly byResource: boolean }
  | { readonly command: 'slots'; readonly availability: readonly SeriesSpec[]; readonly busy: BusySpec; readonly options: SlotOptions };

/** Everything a view needs, and what the HTML page embeds. */
export interface ViewData {
  readonly zone: string;
  readonly span: Span;
  readonly window: { readonly from: number; readonly to: number };
  readonly source: ViewSource;
  /** `describe()` of each series, as `id: text`. */
  readonly describe: readonly string[];
}

/** One thing drawn in the calendar: a block or a slot, in its resource's column. */
export interface CalendarItem {
  readonly start: number;
  readonly end: number;
  /** The resource column ('' when the view has one column). */
  readonly column: string;
  /** A short name shown with the times ('' when there is only one series). */
  readonly label: string;
  readonly seriesId: string;
  readonly key: string;
  /** What the zone did to it, as the table says it ('' when nothing). */
  readonly note: string;
  readonly conflict: boolean;
}

/** A clash in words, for the list under the calendar. */
export interface ConflictEntry {
  readonly a: { readonly seriesId: string; readonly key: string };
  readonly b: { readonly seriesId: string; readonly key: string };
  readonly start: number;
  readonly end: number;
}

/**
 * A view's content for one window. `json` is exactly what the command prints with
 * `--format json`; `blocks` is what the calendar draws, as JSON (for `preview` and
 * `slots` the same as `json`; for `check`, the blocks of every series, where `json` holds
 * the conflicts).
 */
export interface ViewResult {
  readonly items: readonly CalendarItem[];
  readonly columns: readonly string[];
  /** Undefined where conflicts do not apply (free slots). */
  readonly conflicts: readonly ConflictEntry[] | undefined;
  readonly json: unknown;
  readonly blocks: unknown;
}

/** The view's content in `window`: expansion, conflicts or free slots, as the command computes them. */
export function computeView(source: ViewSource, window: { from: number; to: number }, limit?: number): ViewResult {
  return source.command === 'slots' ? slotsView(source, window, limit) : seriesView(source, window, limit);
}

/** Column names: the resources named, in order; one unnamed column when none is. */
function columnsOf(resources: ReadonlyArray<string | undefined>): { columns: string[]; columnOf: (resource: string | undefined) => string } {
  const named = [...new Set(resources.filter((resource): resource is string => resource !== undefined))];
  if (named.length === 0) return { columns: [''], columnOf: () => '' };
  const unnamed = '(no resource)';
  const columns = resources.some((resource) => resource === undefined) ? [...named, unnamed] : named;
  return { columns, columnOf: (resource) => resource ?? unnamed };
}

function seriesView(source: Extract<ViewSource, { command: 'preview' | 'check' }>, window: { from: number; to: number }, limit?: number): ViewResult {
  const { series: specs, byResource } = source;
  const resourceOf = new Map(specs.map((spec) => [spec.series.id, spec.resource]));
  const options = { ...(limit === undefined ? {} : { limit }), ...(byResource ? { by: (series: { id: string }) => resourceOf.get(series.id)! } : {}) };
  const conflicts: Conflict[] = findConflicts(specs.map((spec) => spec.series), window, options);
  const clashing = new Set(conflicts.flatMap(({ a, b }) => [`${a.seriesId}\u0000${a.key}`, `${b.seriesId}\u0000${b.key}`]));
  const blocks: Block[] = specs.flatMap((spec) => expand(spec.series, { ...window, ...(limit === undefined ? {} : { limit }) }));
  blocks.sort(compareBlocks);
  const { columns, columnOf } = columnsOf(specs.map((spec) => spec.resource));
  const labelled = specs.length > 1;
  const items = blocks.map((block) => ({
    start: block.start,
    end: block.end,
    column: columnOf(resourceOf.get(block.seriesId)),
    label: labelled ? block.seriesId : '',
    seriesId: block.seriesId,
    key: block.key,
    note: dstNote(block),
    conflict: clashing.has(`${block.seriesId}\u0000${block.key}`),
  }));
  const entries = conflicts.map(({ a, b, start, end }) => ({ a: { seriesId: a.seriesId, key: a.key }, b: { seriesId: b.seriesId, key: b.key }, start, end }));
  const blocksJson = blocksToJson(blocks);
  return { items, columns, conflicts: entries, json: source.command === 'preview' ? blocksJson : conflictsToJson(conflicts), blocks: blocksJson };
}

function slotsView(source: Extract<ViewSource, { command: 'slots' }>, window: { from: number; to: number }, limit?: number): ViewResult {
  const slots: ResourceSlot[] = slotsByResource(source.availability, source.busy, window, { ...source.options, ...(limit === undefined ? {} : { limit }) });
  const resources = [...new Set(source.availability.map(availabilityResource))];
  const columns = resources.length > 1 ? resources : [''];
  const items = slots.map((slot) => ({
    start: slot.start,
    end: slot.end,
    column: resources.length > 1 ? slot.resource : '',
    label: '',
    seriesId: slot.resource,
    key: '',
    note: '',
    conflict: false,
  }));
  const json = slotsToJson(slots);
  return { items, columns, conflicts: undefined, json, blocks: json };
}
