// timeblocks/ical: calendar import. An entry of its own so the core bundle stays small
// (the Windows zone table and the iCalendar reader are only loaded by those who import).
export { fromICalendar } from '../interop/ical/from-icalendar.js';
export type { FromICalendarOptions, ICalendarImport } from '../interop/ical/from-icalendar.js';
export { busyBlocks } from '../interop/ical/busy-blocks.js';
export type { BusyBlocksOptions, BusyWindow } from '../interop/ical/busy-blocks.js';
export type { ImportProblem } from '../interop/ical/problems.js';
export type { EventMeta } from '../interop/ical/event-meta.js';
export { windowsZones, windowsZonesCldrVersion } from '../interop/ical/windows-zones.js';
