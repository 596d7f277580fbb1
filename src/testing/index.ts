// timeblocks/testing: fast-check arbitraries for series, windows and blocks.
export { seriesInputArbitrary, toRRuleText } from './series-input.js';
export type { SeriesInputConstraints } from './series-input.js';
export { seriesArbitrary } from './series.js';
export { windowArbitrary } from './window.js';
export type { Window, WindowConstraints } from './window.js';
export { blockArbitrary } from './block.js';
export type { BlockConstraints } from './block.js';
export { interestingTimeZones } from './constraints.js';
