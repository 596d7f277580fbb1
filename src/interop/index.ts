// RFC 5545 interop and descriptions: re-exported by the core's index.
export { toRRule } from './to-rrule.js';
export { fromRRule } from './from-rrule.js';
export type { FromRRuleOptions } from './from-rrule.js';
export { toICalendar } from './to-icalendar.js';
export type { ToICalendarOptions } from './to-icalendar.js';
