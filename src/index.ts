// The core's public API. Re-exports only, each by name.
export { defineSeries } from './series/define.js';
export { describe } from './series/describe.js';
export { splitSeries } from './series/split-series.js';
export type { SeriesChanges, SplitSeriesResult } from './series/split-series.js';
export { weekdays, nthWeekdayOfMonth, lastWeekdayOfMonth, nthWeekdayOfMonthEachYear } from './series/presets.js';
export type { PresetEnd } from './series/presets.js';
export type {
  Weekday,
  Frequency,
  Skip,
  NthWeekday,
  WeekdaySpec,
  NonexistentPolicy,
  AmbiguousPolicy,
  DstPolicy,
  RepeatInput,
  SeriesInput,
  Rule,
  Series,
  Override,
  OverrideInput,
  CancelOverride,
  MoveOverride,
} from './series/types.js';

export { expand } from './expand/expand.js';
export { occurrences } from './expand/occurrences.js';
export { compareBlocks } from './expand/block-order.js';
export { diffBlocks } from './expand/diff-blocks.js';
export type { BlockDiff } from './expand/diff-blocks.js';
export { toZonedIso, viewBlock } from './expand/block-view.js';
export type { BlockView } from './expand/block-view.js';
export type {
  Block,
  Adjusted,
  StartAdjustment,
  EndAdjustment,
  InstantInput,
  ExpandOptions,
  OccurrencesOptions,
} from './expand/types.js';

export { findOverlaps, findConflicts, freeSlots, mergeBlocks, subtractBlocks } from './overlap/index.js';
export type {
  Overlap,
  FindOverlapsOptions,
  ResourceKey,
  Conflict,
  FindConflictsOptions,
  FreeSlotsOptions,
  DurationInput,
  TimeInterval,
  IntervalInput,
} from './overlap/index.js';

export { toRRule, fromRRule, toICalendar } from './interop/index.js';
export type { FromRRuleOptions, ToICalendarOptions } from './interop/index.js';

export { tzdataVersion } from './time/tzdata.js';
export { limits } from './limits.js';
export type { LimitName } from './limits.js';

export {
  TimeblocksError,
  SeriesValidationError,
  InvalidArgumentError,
  ExpansionLimitError,
  NonexistentTimeError,
} from './errors.js';
export type { ExpansionLimitContext, ValidationIssue } from './errors.js';
