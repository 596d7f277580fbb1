/**
 * The size caps of calendar import, each documented in docs/interop.md ("Importing
 * calendars"). Beyond the text and component caps the whole call fails with a typed error;
 * beyond the per-event caps that one event is a problem and the rest imports.
 */

/** Longest calendar text, in UTF-16 code units (a 50 MB feed fits). */
export const maxTextLength = 64 * 1024 * 1024;
/** Most components of any kind (VEVENT, VALARM, VTIMEZONE, STANDARD…) in one text. */
export const maxComponents = 300_000;
/** Most VEVENTs in one text. */
export const maxEvents = 100_000;
/** Deepest component nesting read; deeper components are skipped, with a problem. */
export const maxDepth = 8;
/** Longest unfolded content line; a longer one is a problem and is skipped. */
export const maxLineLength = 256 * 1024;
/** Most EXDATE, RDATE values (together) and RECURRENCE-ID children of one event. */
export const maxDatesPerEvent = 10_000;
/** Years a custom VTIMEZONE must agree with its IANA zone for an event that never ends. */
export const openEndedMatchYears = 30;
/** Longest SUMMARY or LOCATION kept in a series' `meta`. */
export const maxMetaText = 10_000;
/** Most attendee addresses kept in a series' `meta`. */
export const maxAttendees = 1000;
