import { ExpansionLimitError } from '../errors.js';
import { expand } from '../expand/expand.js';
import type { Series } from '../series/types.js';
import { freeSlots, type FreeSlotsOptions } from '../overlap/free-slots.js';
import type { TimeInterval } from '../overlap/interval.js';
import type { ResourceSlot } from './block-json.js';

/** Availability or busy time from a series file: the series and, when the file names one, its resource. */
export interface SeriesSpec {
  readonly series: Series;
  readonly resource?: string;
}

/** Busy time: series (expanded in the window) and blocks; those naming no resource hold every resource. */
export interface BusySpec {
  readonly series: readonly SeriesSpec[];
  readonly intervals: ReadonlyArray<TimeInterval & { readonly resource?: string }>;
}

/** The slot options that apply to every resource alike. */
export type SlotOptions = Pick<FreeSlotsOptions, 'duration' | 'step' | 'buffer' | 'notBefore' | 'grid'>;

/** An availability series' resource: the one its file names, else its id. */
export function availabilityResource(spec: SeriesSpec): string {
  return spec.resource ?? spec.series.id;
}

/**
 * Free slots per resource: each resource's availability minus the busy time that holds it
 * (busy time naming that resource or none), sorted by start, then resource. `limit` caps
 * the total across resources; more is an `ExpansionLimitError`, as in `freeSlots`.
 */
export function slotsByResource(
  availability: readonly SeriesSpec[],
  busy: BusySpec,
  window: { from: number | string; to: number | string },
  options: SlotOptions & { limit?: number },
): ResourceSlot[] {
  const resources = [...new Set(availability.map(availabilityResource))];
  const holds = (resource: string) => (entry: { resource?: string }) => entry.resource === undefined || entry.resource === resource;
  const busyBlocks = busy.series.map((spec) => ({ resource: spec.resource, blocks: expand(spec.series, window) }));
  const found: ResourceSlot[] = [];
  for (const resource of resources) {
    const taken: TimeInterval[] = [...busy.intervals.filter(holds(resource)), ...busyBlocks.filter(holds(resource)).flatMap((entry) => entry.blocks)];
    const open = availability.filter((spec) => availabilityResource(spec) === resource).map((spec) => spec.series);
    for (const slot of freeSlots({ ...options, availability: open, busy: taken, window })) found.push({ start: slot.start, end: slot.end, resource });
    if (options.limit !== undefined && found.length > options.limit) {
      throw new ExpansionLimitError('', options.limit, { subject: 'freeSlots', unit: 'slots', hint: 'lengthen `step`' });
    }
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end || (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
}
