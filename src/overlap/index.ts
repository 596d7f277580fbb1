// Overlaps, conflicts and free slots: re-exported by the core's index.
export { findOverlaps } from './find-overlaps.js';
export type { Overlap, FindOverlapsOptions, ResourceKey } from './find-overlaps.js';
export { findConflicts } from './find-conflicts.js';
export type { Conflict, FindConflictsOptions } from './find-conflicts.js';
export { freeSlots } from './free-slots.js';
export type { FreeSlotsOptions, DurationInput } from './free-slots.js';
export { mergeBlocks } from './merge-blocks.js';
export { subtractBlocks } from './subtract-blocks.js';
export type { IntervalInput, TimeInterval } from './interval.js';
